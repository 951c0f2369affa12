import { randomUUID } from 'node:crypto';
import { AwsError } from '../aws/errors.js';
import { escapeXml } from '../sts/server.js';
import { DEFAULT_SUBNET_IDS, type Ec2Scenario, type LaunchTemplateSeed, type SubnetSeed } from './types.js';

/** Numbered query list members (`SubnetId.1`, `SubnetId.2`, …) in order. */
export function queryList(params: Map<string, string>, name: string): string[] {
  return [...params.entries()]
    .filter(([key]) => new RegExp(`^${name}\\.\\d+$`).test(key))
    .sort(([a], [b]) => Number(a.split('.')[1]) - Number(b.split('.')[1]))
    .map(([, value]) => value);
}

/** EC2 state seeded from a scenario: subnets and launch templates, answered as the EC2 protocol does. */
export class Ec2Emulator {
  private readonly subnets: SubnetSeed[];
  constructor(
    readonly account: string,
    readonly region: string,
    readonly scenario: Ec2Scenario,
  ) {
    this.subnets = scenario.subnets ?? DEFAULT_SUBNET_IDS.map((subnetId, i) => ({ subnetId, availabilityZone: `${region}${'abc'[i]}`, availableIpAddressCount: 8000 + i, cidrBlock: `10.0.${i * 32}.0/19` }));
  }

  describeSubnets(params: Map<string, string>): string {
    if (queryList(params, 'Filter').length > 0 || [...params.keys()].some((k) => k.startsWith('Filter.'))) {
      throw new AwsError('InvalidParameterValue', 'The sandbox answers DescribeSubnets by SubnetId only, not by Filter');
    }
    const wanted = queryList(params, 'SubnetId');
    const missing = wanted.filter((id) => !this.subnets.some((s) => s.subnetId === id));
    if (missing.length > 0) throw new AwsError('InvalidSubnetID.NotFound', `The subnet ID${missing.length > 1 ? 's' : ''} '${missing.join(', ')}' ${missing.length > 1 ? 'do' : 'does'} not exist`);
    const subnets = wanted.length > 0 ? wanted.map((id) => this.subnets.find((s) => s.subnetId === id)!) : this.subnets;
    return response('DescribeSubnetsResponse', `<subnetSet>${subnets.map((s) => `<item>${this.subnetXml(s)}</item>`).join('')}</subnetSet>`);
  }

  describeLaunchTemplates(params: Map<string, string>): string {
    const ids = queryList(params, 'LaunchTemplateId');
    const names = queryList(params, 'LaunchTemplateName');
    const all = this.scenario.launchTemplates ?? [];
    const found: LaunchTemplateSeed[] = [];
    for (const id of ids) {
      const t = all.find((x) => x.launchTemplateId === id);
      if (!t) throw new AwsError('InvalidLaunchTemplateId.NotFound', `At least one of the launch templates specified in the request does not exist.`);
      found.push(t);
    }
    for (const name of names) {
      const t = all.find((x) => x.launchTemplateName === name);
      if (!t) throw new AwsError('InvalidLaunchTemplateName.NotFoundException', `At least one of the launch templates specified in the request does not exist.`);
      found.push(t);
    }
    const templates = ids.length + names.length > 0 ? found : all;
    return response(
      'DescribeLaunchTemplatesResponse',
      `<launchTemplates>${templates
        .map(
          (t) =>
            `<item><launchTemplateId>${escapeXml(t.launchTemplateId)}</launchTemplateId><launchTemplateName>${escapeXml(t.launchTemplateName)}</launchTemplateName>` +
            `<createTime>2025-01-01T00:00:00.000Z</createTime><createdBy>arn:aws:iam::${this.account}:root</createdBy>` +
            `<defaultVersionNumber>${t.defaultVersionNumber}</defaultVersionNumber><latestVersionNumber>${t.latestVersionNumber}</latestVersionNumber></item>`,
        )
        .join('')}</launchTemplates>`,
    );
  }

  private subnetXml(s: SubnetSeed): string {
    const zone = s.availabilityZone ?? `${this.region}a`;
    const vpcId = s.vpcId ?? 'vpc-0a1b2c3d4e5f60001';
    return (
      `<subnetId>${escapeXml(s.subnetId)}</subnetId><subnetArn>arn:aws:ec2:${this.region}:${this.account}:subnet/${escapeXml(s.subnetId)}</subnetArn>` +
      `<state>available</state><vpcId>${escapeXml(vpcId)}</vpcId><ownerId>${this.account}</ownerId><cidrBlock>${escapeXml(s.cidrBlock ?? '10.0.0.0/24')}</cidrBlock>` +
      `<ipv6CidrBlockAssociationSet/><availableIpAddressCount>${s.availableIpAddressCount}</availableIpAddressCount>` +
      `<availabilityZone>${escapeXml(zone)}</availabilityZone><availabilityZoneId>${escapeXml(zoneId(this.region, zone))}</availabilityZoneId>` +
      `<defaultForAz>false</defaultForAz><mapPublicIpOnLaunch>false</mapPublicIpOnLaunch><assignIpv6AddressOnCreation>false</assignIpv6AddressOnCreation><tagSet/>`
    );
  }
}

/** A zone's id as EC2 reports it (us-east-1b → use1-az2); real ids are shuffled per account, this is only stable. */
function zoneId(region: string, zone: string): string {
  const [area = '', direction = '', number = ''] = region.split('-');
  const letter = zone.slice(region.length) || 'a';
  return `${area}${direction.slice(0, 1)}${number}-az${letter.charCodeAt(0) - 96}`;
}

function response(root: string, inner: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>${randomUUID()}</requestId>${inner}</${root}>\n`;
}
