/**
 * Just enough OpenAPI v3 for kubectl: per group-version, a PATCH operation per kind that declares
 * the `fieldValidation` query parameter. kubectl then leaves validation to the server
 * (fieldValidation=Strict) instead of failing with "failed to download openapi".
 */
import { createHash } from 'node:crypto';
import type { ResourceTable } from './resources.js';

function gvPath(group: string, version: string): string {
  return group === '' ? `api/${version}` : `apis/${group}/${version}`;
}

export function groupVersionDocument(table: ResourceTable, group: string, version: string): object | undefined {
  const types = table.all().filter((t) => t.group === group && t.version === version);
  if (types.length === 0) return undefined;
  const paths: Record<string, object> = {};
  const queryParams = ['dryRun', 'fieldManager', 'fieldValidation', 'force'].map((name) => ({ name, in: 'query', schema: { type: name === 'force' ? 'boolean' : 'string', uniqueItems: true } }));
  for (const t of types) {
    const base = `/${gvPath(group, version)}${t.namespaced ? '/namespaces/{namespace}' : ''}/${t.plural}`;
    const gvk = { group, version, kind: t.kind };
    paths[`${base}/{name}`] = {
      patch: {
        tags: [gvPath(group, version).replace(/\//g, '_')],
        operationId: `patch${t.namespaced ? 'Namespaced' : ''}${t.kind}`,
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': gvk,
        parameters: queryParams,
        responses: { '200': { description: 'OK' }, '201': { description: 'Created' } },
      },
    };
    paths[base] = {
      post: {
        operationId: `create${t.namespaced ? 'Namespaced' : ''}${t.kind}`,
        'x-kubernetes-action': 'post',
        'x-kubernetes-group-version-kind': gvk,
        parameters: queryParams.filter((p) => p.name !== 'force'),
        responses: { '201': { description: 'Created' } },
      },
    };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.32.0' }, paths, components: { schemas: {} } };
}

/** Hashed from the document itself, so a kind a CRD adds changes the hash kubectl caches by. */
function hashOf(table: ResourceTable, group: string, version: string): string {
  return createHash('sha512').update(JSON.stringify(groupVersionDocument(table, group, version))).digest('hex').slice(0, 64).toUpperCase();
}

export function openApiIndex(table: ResourceTable): object {
  const paths: Record<string, object> = {};
  for (const { group, version } of table.groupVersions()) {
    const p = gvPath(group, version);
    paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${hashOf(table, group, version)}` };
  }
  return { paths };
}

/** `/openapi/v3/apis/apps/v1` → the document, or undefined. */
export function openApiForPath(table: ResourceTable, path: string): object | undefined {
  const m = /^\/openapi\/v3\/(?:api\/(v\d+)|apis\/([^/]+)\/([^/]+))$/.exec(path);
  if (!m) return undefined;
  return m[1] ? groupVersionDocument(table, '', m[1]) : groupVersionDocument(table, m[2]!, m[3]!);
}
