import type { KubeReader } from '../workloads/kube-reader.js';

/** A kind as the cluster serves it now, whatever version created its objects. */
export interface ServedKind {
  kind: string;
  /** `/apis/networking.k8s.io/v1/ingresses` */
  path: string;
}

interface GroupList {
  groups?: { name: string; preferredVersion?: { groupVersion: string } }[];
}
interface ResourceList {
  resources?: { name: string; kind: string; verbs?: string[] }[];
}

const groupOf = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.split('/')[0]! : '');

/**
 * Where to list each wanted kind: discovery's preferred version of the groups that held or hold it
 * (an Ingress made as extensions/v1beta1 is listed from networking.k8s.io/v1). One request for the
 * group list, then one per group that serves a wanted kind, side by side; kinds nothing serves any more are left out.
 */
export async function servedKinds(reader: KubeReader, wanted: readonly { kind: string; apiVersions: readonly string[] }[]): Promise<ServedKind[]> {
  const groups = ((await reader.get('/apis')) as GroupList).groups ?? [];
  const groupVersions = new Map<string, string>([['', 'v1'], ...groups.filter((g) => g.preferredVersion).map((g) => [g.name, g.preferredVersion!.groupVersion] as [string, string])]);
  const wantedGroups = new Set(wanted.flatMap((w) => w.apiVersions.map(groupOf)).filter((g) => groupVersions.has(g)));
  const resources = new Map<string, ResourceList>(
    await Promise.all([...wantedGroups].map(async (group) => [group, (await reader.get(group === '' ? '/api/v1' : `/apis/${groupVersions.get(group)!}`)) as ResourceList] as const)),
  );
  const found: ServedKind[] = [];
  for (const w of wanted) {
    for (const group of new Set(w.apiVersions.map(groupOf))) {
      const resource = resources.get(group)?.resources?.find((r) => r.kind === w.kind && !r.name.includes('/') && (r.verbs ?? ['list']).includes('list'));
      if (!resource) continue;
      const gv = groupVersions.get(group)!;
      found.push({ kind: w.kind, path: `${group === '' ? '/api/v1' : `/apis/${gv}`}/${resource.name}` });
      break;
    }
  }
  return found;
}
