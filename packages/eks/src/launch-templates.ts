import { DescribeLaunchTemplatesCommand, type DescribeLaunchTemplatesResult } from '@aws-sdk/client-ec2';
import { call } from './eks-api.js';
import type { NodegroupInfo } from './skew.js';
import type { Ec2Api } from './subnet-room.js';

/** A node group on a launch template version other than the template's latest: changes wait to roll out. */
export interface TemplateDrift {
  nodegroup: string;
  template: string;
  running: string;
  latest: number;
  default: number;
}

export type LaunchTemplateCheck = { status: 'checked'; drift: TemplateDrift[] } | { status: 'not-checked'; reason: string };

/**
 * The launch templates of managed node groups (by id, one DescribeLaunchTemplates call) against the
 * version each node group runs. A node group update keeps its template version unless given
 * another, so a newer one is work to decide on before the node upgrade.
 */
export async function checkLaunchTemplates(ec2: Ec2Api, nodegroups: readonly NodegroupInfo[]): Promise<LaunchTemplateCheck | undefined> {
  const using = nodegroups.filter((n) => n.launchTemplate?.id);
  if (using.length === 0) return undefined;
  let answer: DescribeLaunchTemplatesResult;
  try {
    answer = await call<DescribeLaunchTemplatesResult>(ec2, 'DescribeLaunchTemplates', new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: [...new Set(using.map((n) => n.launchTemplate!.id!))] }), 'EC2');
  } catch (error) {
    return { status: 'not-checked', reason: (error as Error).message };
  }
  const byId = new Map((answer.LaunchTemplates ?? []).map((t) => [t.LaunchTemplateId ?? '', t]));
  const drift: TemplateDrift[] = [];
  for (const n of using) {
    const t = byId.get(n.launchTemplate!.id!);
    if (!t || t.LatestVersionNumber === undefined) continue;
    const running = n.launchTemplate?.version ?? '';
    if (running !== String(t.LatestVersionNumber)) {
      drift.push({ nodegroup: n.name, template: t.LaunchTemplateName ?? n.launchTemplate!.id!, running, latest: t.LatestVersionNumber, default: t.DefaultVersionNumber ?? t.LatestVersionNumber });
    }
  }
  return { status: 'checked', drift };
}

/** amiType CUSTOM: the AMI comes from the node group's launch template, and EKS has no newer one to move it to. */
export function isCustomAmi(nodegroup: Pick<NodegroupInfo, 'amiType'>): boolean {
  return nodegroup.amiType === 'CUSTOM';
}
