/** Maps a request path to a resource (kind, namespace, name, subresource), as kube-apiserver does. */
import type { ResourceTable, ResourceType } from './resources.js';
import { errors } from './status.js';

export interface ResourceRoute {
  type: ResourceType;
  namespace: string | undefined;
  name: string | undefined;
  subresource: string | undefined;
}

export type Route =
  | { kind: 'groupVersion'; group: string; version: string }
  | { kind: 'group'; group: string }
  | { kind: 'resource'; route: ResourceRoute };

export function parseRoute(table: ResourceTable, pathname: string): Route | undefined {
  const parts = pathname.split('/').filter((p) => p !== '').map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts[1]) {
    group = '';
    version = parts[1];
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts[1]) {
    if (!parts[2]) return { kind: 'group', group: parts[1] };
    group = parts[1];
    version = parts[2];
    rest = parts.slice(3);
  } else return undefined;
  if (rest.length === 0) return { kind: 'groupVersion', group, version };
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3 && table.findByPlural(group, version, rest[2]!)) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [plural, name, subresource, ...extra] = rest;
  const type = table.findByPlural(group, version, plural!);
  if (!type || extra.length > 0) throw errors.noResource();
  if (type.namespaced && name !== undefined && namespace === undefined) throw errors.noResource();
  if (!type.namespaced && namespace !== undefined) throw errors.noResource();
  if (subresource !== undefined && !(type.subresources as string[] | undefined)?.includes(subresource)) throw errors.noResource();
  return { kind: 'resource', route: { type, namespace, name, subresource } };
}
