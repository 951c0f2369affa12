/**
 * Server-side apply from this process, for clusters the deploy reaches itself: one PATCH per object
 * (application/apply-patch+yaml, the deploy's field manager, strict field validation as kubectl's
 * default), each kind mapped to its resource from the API server's discovery. It spares the deploy
 * the kubectl process an apply would start (its start-up, credentials and OpenAPI downloads),
 * which is most of the time to the first change on a small rollout.
 */
import { EksKitError } from '@eks-kit/core';
import { statusMessage, type KubeApi } from './api-client.js';
import { explainKubectlError } from './kubectl.js';
import type { KubeObject } from './manifests/types.js';
import type { LiveObject } from './verify/live.js';

export interface InProcessApplyOptions {
  fieldManager: string;
  forceConflicts?: boolean;
  /** Bound on each request (discovery and every PATCH); it shrinks as the deploy's time runs out. */
  timeoutMs: () => number;
}

/** The API server refused an object, or none of its resources has the object's kind. */
export class ApplyRefused extends EksKitError {
  override name = 'ApplyRefused';
  constructor(readonly ref: string, readonly status: number, detail: string) {
    super(`apply failed: ${ref}: ${detail}`);
  }
}

interface Resource {
  /** `/apis/apps/v1/deployments` or `/apis/apps/v1/namespaces/{ns}/deployments`, before the name. */
  collection: (namespace: string) => string;
  namespaced: boolean;
}

interface DiscoveredResource {
  name: string;
  kind: string;
  namespaced: boolean;
}

/** `apps/v1` → `/apis/apps/v1`; the core group's `v1` → `/api/v1`. */
function groupVersionPath(apiVersion: string): string {
  return apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}

const describe = (o: KubeObject) => `${o.kind}/${o.metadata.name}${o.metadata.namespace ? ` (namespace ${o.metadata.namespace})` : ''}`;

/**
 * Kinds to resources, one discovery read per group-version, kept for the deploy. A group-version
 * the server does not serve is not kept: after its CRD is established a later read finds it.
 */
export function resourceMapper(api: Pick<KubeApi, 'get'>, timeoutMs: () => number): (object: KubeObject) => Promise<Resource> {
  const groups = new Map<string, Promise<DiscoveredResource[] | undefined>>();
  const discover = (apiVersion: string) => {
    let found = groups.get(apiVersion);
    if (!found) {
      found = api.get(groupVersionPath(apiVersion), { timeoutMs: timeoutMs() }).then((answer) => {
        if (answer.status === 404) return undefined;
        if (answer.status >= 300) throw new ApplyRefused(`discovery of ${apiVersion}`, answer.status, withHint(statusMessage(answer.body)));
        return parsed<{ resources?: DiscoveredResource[] }>(answer.body, `discovery of ${apiVersion}`).resources ?? [];
      });
      groups.set(apiVersion, found);
      const forget = () => void groups.delete(apiVersion);
      found.then((resources) => resources === undefined && forget(), forget);
    }
    return found;
  };
  return async (object) => {
    const resources = await discover(object.apiVersion);
    // Subresources (deployments/scale) share the kind; the resource itself has no slash.
    const resource = resources?.find((r) => r.kind === object.kind && !r.name.includes('/'));
    if (!resource) throw new ApplyRefused(describe(object), 404, `no matches for kind "${object.kind}" in version "${object.apiVersion}" (ensure its CRD is installed first)`);
    const base = groupVersionPath(object.apiVersion);
    return {
      namespaced: resource.namespaced,
      collection: (namespace) => (resource.namespaced ? `${base}/namespaces/${encodeURIComponent(namespace)}/${resource.name}` : `${base}/${resource.name}`),
    };
  };
}

function withHint(message: string): string {
  const hint = explainKubectlError(message);
  return hint ? `${message} — ${hint}` : message;
}

/**
 * Applies the objects in order and returns them as the server stored them. Every object is mapped
 * before any is sent (an unknown kind changes nothing), and `ready` holds the PATCHes back (the
 * mapping goes on meanwhile). The first refusal stops the apply: what came before it stays
 * applied, as after kubectl.
 */
export async function applyInProcess(api: Pick<KubeApi, 'get' | 'send'>, objects: readonly KubeObject[], options: InProcessApplyOptions, ready?: Promise<void>, mapper = resourceMapper(api, options.timeoutMs)): Promise<LiveObject[]> {
  if (objects.length === 0) return [];
  const mapping = Promise.all(objects.map(mapper));
  // Both are awaited together so neither rejection goes unhandled while the other is pending.
  const [resources] = await Promise.all([mapping, ready]);
  const query = `?fieldManager=${encodeURIComponent(options.fieldManager)}&fieldValidation=Strict${options.forceConflicts ? '&force=true' : ''}`;
  const applied: LiveObject[] = [];
  for (const [i, object] of objects.entries()) {
    const resource = resources[i]!;
    // A namespace on a cluster-scoped object is ignored, as kubectl ignores it.
    const sent = resource.namespaced ? object : { ...object, metadata: withoutNamespace(object.metadata) };
    const path = `${resource.collection(object.metadata.namespace ?? 'default')}/${encodeURIComponent(object.metadata.name)}${query}`;
    const answer = await api.send('PATCH', path, { timeoutMs: options.timeoutMs(), body: JSON.stringify(sent), contentType: 'application/apply-patch+yaml' });
    if (answer.status >= 300) throw new ApplyRefused(describe(object), answer.status, withHint(statusMessage(answer.body).replace(/\n+/g, ' ')));
    applied.push(parsed<LiveObject>(answer.body, describe(object)));
  }
  return applied;
}

/** An answer that should be JSON; anything else (a proxy's HTML page) is named, not a crash. */
function parsed<T>(body: string, what: string): T {
  try {
    return JSON.parse(body) as T;
  } catch {
    throw new ApplyRefused(what, 0, `the API server's answer is not JSON: ${body.slice(0, 80)}`);
  }
}

function withoutNamespace(metadata: KubeObject['metadata']): KubeObject['metadata'] {
  const { namespace: _ignored, ...rest } = metadata;
  return rest;
}
