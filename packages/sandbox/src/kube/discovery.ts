/**
 * Discovery: /version, the legacy /api and /apis documents with per-group-version resource lists,
 * and the aggregated (apidiscovery.k8s.io/v2) form that kubectl v1.32 asks for first.
 */
import type { ResourceTable, ResourceType } from './resources.js';
import { apiVersionOf, verbsFor } from './resources.js';

export const AGGREGATED_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

export function versionInfo(): Record<string, string> {
  return {
    major: '1',
    minor: '32',
    gitVersion: 'v1.32.0-eks-sandbox',
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2025-01-01T00:00:00Z',
    goVersion: 'go1.23.4',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

/** True when the client accepts the aggregated discovery document. */
export function wantsAggregated(accept: string | undefined): boolean {
  return !!accept && accept.split(',').some((part) => part.includes('as=APIGroupDiscoveryList') && /v=v2(;|$)/.test(part.replace(/\s/g, '')));
}

function subresourceKind(type: ResourceType, sub: string): { group: string; version: string; kind: string } {
  if (sub === 'scale') return { group: 'autoscaling', version: 'v1', kind: 'Scale' };
  return { group: type.group, version: type.version, kind: type.kind };
}

function subresourceVerbs(sub: string): string[] {
  return sub === 'log' ? ['get'] : ['get', 'patch', 'update'];
}

export function legacyApiVersions(serverAddress: string): object {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

export function legacyGroupList(table: ResourceTable): object {
  const groups = new Map<string, string[]>();
  for (const { group, version } of table.groupVersions()) {
    if (group === '') continue;
    groups.set(group, [...(groups.get(group) ?? []), version]);
  }
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [...groups].map(([name, versions]) => ({
      name,
      versions: versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v })),
      preferredVersion: { groupVersion: `${name}/${versions[0]}`, version: versions[0] },
    })),
  };
}

export function legacyGroup(table: ResourceTable, group: string): object | undefined {
  const versions = table.groupVersions().filter((gv) => gv.group === group);
  if (versions.length === 0) return undefined;
  return {
    kind: 'APIGroup',
    apiVersion: 'v1',
    name: group,
    versions: versions.map((v) => ({ groupVersion: `${group}/${v.version}`, version: v.version })),
    preferredVersion: { groupVersion: `${group}/${versions[0]!.version}`, version: versions[0]!.version },
  };
}

export function resourceList(table: ResourceTable, group: string, version: string): object | undefined {
  const types = table.all().filter((t) => t.group === group && t.version === version);
  if (types.length === 0) return undefined;
  const resources: object[] = [];
  for (const t of types) {
    resources.push({
      name: t.plural,
      singularName: t.singular,
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: verbsFor(),
      ...(t.shortNames ? { shortNames: t.shortNames } : {}),
      ...(t.categories ? { categories: t.categories } : {}),
    });
    for (const sub of t.subresources ?? []) {
      const rk = subresourceKind(t, sub);
      resources.push({
        name: `${t.plural}/${sub}`,
        singularName: '',
        namespaced: t.namespaced,
        ...(sub === 'scale' ? { group: rk.group, version: rk.version } : {}),
        kind: rk.kind,
        verbs: subresourceVerbs(sub),
      });
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersionOf(types[0]!), resources };
}

function aggregatedResource(t: ResourceType): object {
  return {
    resource: t.plural,
    responseKind: { group: t.group, version: t.version, kind: t.kind },
    scope: t.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: t.singular,
    verbs: verbsFor(),
    ...(t.shortNames ? { shortNames: t.shortNames } : {}),
    ...(t.categories ? { categories: t.categories } : {}),
    ...(t.subresources
      ? { subresources: t.subresources.map((sub) => ({ subresource: sub, responseKind: subresourceKind(t, sub), verbs: subresourceVerbs(sub) })) }
      : {}),
  };
}

/** `/api` (core: true) or `/apis` (core: false) in aggregated form. */
export function aggregatedDiscovery(table: ResourceTable, core: boolean): object {
  const byGroup = new Map<string, Map<string, ResourceType[]>>();
  for (const t of table.all()) {
    if ((t.group === '') !== core) continue;
    const versions = byGroup.get(t.group) ?? new Map<string, ResourceType[]>();
    versions.set(t.version, [...(versions.get(t.version) ?? []), t]);
    byGroup.set(t.group, versions);
  }
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: 'apidiscovery.k8s.io/v2',
    metadata: {},
    items: [...byGroup].map(([group, versions]) => ({
      metadata: { name: group, creationTimestamp: null },
      versions: [...versions].map(([version, types]) => ({ version, freshness: 'Current', resources: types.map(aggregatedResource) })),
    })),
  };
}
