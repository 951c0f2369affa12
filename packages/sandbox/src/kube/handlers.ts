/** The resource verbs: get, list, watch, create, replace, patch (four content types), scale. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubeObject } from './types.js';
import { isObject } from './types.js';
import type { ServerContext } from './server.js';
import type { ResourceRoute } from './routes.js';
import { apiVersionOf } from './resources.js';
import { errors } from './status.js';
import { parseFieldSelector, parseLabelSelector, selectorToString } from './selectors.js';
import { applyJsonPatch } from './patch/json-patch.js';
import { applyMergePatch } from './patch/merge-patch.js';
import { applyStrategicMergePatch } from './patch/strategic-merge.js';
import { serverSideApply } from './patch/apply.js';
import { recordUpdate } from './patch/managed-fields.js';
import { serveLogs } from './logs.js';
import { asTable, wantsTable } from './table.js';
import { sendJson } from './respond.js';

export function selected(ctx: ServerContext, r: ResourceRoute, q: URLSearchParams): KubeObject[] {
  const labels = parseLabelSelector(q.get('labelSelector'));
  const fields = parseFieldSelector(q.get('fieldSelector'));
  return ctx.cluster.store.list(r.type, r.namespace).filter((o) => labels(o.metadata.labels ?? {}) && fields(o));
}

export function listOf(ctx: ServerContext, r: ResourceRoute, items: KubeObject[]): object {
  return { kind: `${r.type.kind}List`, apiVersion: apiVersionOf(r.type), metadata: { resourceVersion: ctx.cluster.store.resourceVersion() }, items };
}

export function list(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, r: ResourceRoute, q: URLSearchParams): void {
  const items = selected(ctx, r, q).sort((a, b) => `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`));
  if (wantsTable(req.headers.accept)) return sendJson(res, 200, asTable(r.type, items, ctx.cluster.store.resourceVersion()));
  sendJson(res, 200, listOf(ctx, r, items));
}

export function watch(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, r: ResourceRoute, q: URLSearchParams, faults: { dropAfterMs?: number; lagMs?: number; expired: boolean; silent?: boolean }): void {
  const labels = parseLabelSelector(q.get('labelSelector'));
  const fields = parseFieldSelector(q.get('fieldSelector'));
  const timeout = Math.min(Number(q.get('timeoutSeconds') ?? 1800) || 1800, 1800);
  ctx.watches.serve(res, {
    type: r.type,
    namespace: r.namespace,
    matches: (o) => labels(o.metadata.labels ?? {}) && fields(o),
    resourceVersion: q.get('resourceVersion') ?? undefined,
    timeoutSeconds: timeout,
    bookmarks: q.get('allowWatchBookmarks') === 'true',
    ...(faults.dropAfterMs !== undefined ? { dropAfterMs: faults.dropAfterMs } : {}),
    ...(faults.lagMs !== undefined ? { lagMs: faults.lagMs } : {}),
    expired: faults.expired,
    ...(faults.silent ? { silent: true } : {}),
    ...(wantsTable(req.headers.accept) ? { render: (o: KubeObject) => asTable(r.type, [o], o.metadata.resourceVersion ?? '') } : {}),
  });
}

function scaleOf(obj: KubeObject): object {
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: obj.metadata.name, namespace: obj.metadata.namespace, uid: obj.metadata.uid, resourceVersion: obj.metadata.resourceVersion, creationTimestamp: obj.metadata.creationTimestamp },
    spec: { replicas: obj.spec?.replicas ?? 0 },
    status: { replicas: obj.status?.replicas ?? 0, selector: selectorToString(obj.spec?.selector) },
  };
}

export function get(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, r: ResourceRoute, q: URLSearchParams): void {
  const obj = ctx.cluster.store.mustGet(r.type, r.namespace, r.name!);
  if (r.subresource === 'scale') return sendJson(res, 200, scaleOf(obj));
  if (r.subresource === 'log') {
    const num = (k: string) => (q.get(k) !== null ? Number(q.get(k)) : undefined);
    const tailLines = num('tailLines');
    const limitBytes = num('limitBytes');
    const sinceSeconds = num('sinceSeconds');
    const sinceTime = q.get('sinceTime');
    const container = q.get('container');
    return serveLogs(ctx.cluster, obj, {
      ...(container ? { container } : {}),
      previous: q.get('previous') === 'true',
      timestamps: q.get('timestamps') === 'true',
      follow: q.get('follow') === 'true',
      ...(tailLines !== undefined ? { tailLines } : {}),
      ...(limitBytes !== undefined ? { limitBytes } : {}),
      ...(sinceSeconds !== undefined ? { sinceSeconds } : {}),
      ...(sinceTime ? { sinceTime } : {}),
    }, res);
  }
  if (wantsTable(req.headers.accept)) return sendJson(res, 200, asTable(r.type, [obj], ctx.cluster.store.resourceVersion()));
  sendJson(res, 200, obj);
}

function checkNamespace(r: ResourceRoute, body: KubeObject): void {
  if (!isObject(body) || !isObject(body.metadata)) throw errors.badRequest('the object has no metadata');
  const ns = body.metadata.namespace;
  if (r.type.namespaced && ns && r.namespace && ns !== r.namespace) {
    throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  if (r.type.namespaced && r.namespace) body.metadata.namespace = r.namespace;
}

export function create(ctx: ServerContext, r: ResourceRoute, body: KubeObject, manager: string, dryRun: boolean): KubeObject {
  checkNamespace(r, body);
  recordUpdate(undefined, body, manager);
  return ctx.cluster.store.create(r.type, body, { dryRun });
}

export function replace(ctx: ServerContext, r: ResourceRoute, body: KubeObject, manager: string, dryRun: boolean): object {
  const store = ctx.cluster.store;
  if (r.subresource === 'scale') {
    const current = store.mustGet(r.type, r.namespace, r.name!);
    const replicas = (body as { spec?: { replicas?: number } }).spec?.replicas ?? 0;
    return scaleOf(store.update(r.type, { ...current, spec: { ...current.spec, replicas } }, { dryRun }));
  }
  checkNamespace(r, body);
  if (body.metadata.name !== r.name) throw errors.badRequest(`the name of the object (${body.metadata.name}) does not match the name on the URL (${r.name})`);
  const before = store.mustGet(r.type, r.namespace, r.name!);
  recordUpdate(before, body, manager, r.subresource);
  return store.update(r.type, body, { dryRun, ...(r.subresource === 'status' ? { subresource: 'status' as const } : {}) });
}

export function patch(ctx: ServerContext, r: ResourceRoute, contentType: string, body: unknown, manager: string, force: boolean, dryRun: boolean): { code: number; object: object } {
  const store = ctx.cluster.store;
  const live = store.get(r.type, r.namespace, r.name!);
  if (contentType === 'application/apply-patch+yaml') {
    if (!isObject(body)) throw errors.badRequest('the applied configuration must be an object');
    const applied = body as KubeObject;
    if (applied.kind !== r.type.kind || applied.apiVersion !== apiVersionOf(r.type)) {
      throw errors.badRequest(`the API version in the data (${applied.apiVersion}) does not match the expected API version (${apiVersionOf(r.type)})`);
    }
    applied.metadata ??= {};
    if (applied.metadata.name && applied.metadata.name !== r.name) throw errors.badRequest('the name of the object does not match the name on the URL');
    applied.metadata.name = r.name!;
    checkNamespace(r, applied);
    const merged = serverSideApply(r.type, live, applied, manager, force);
    if (!live) return { code: 201, object: store.create(r.type, merged, { dryRun }) };
    return { code: 200, object: store.update(r.type, merged, { dryRun, ...(r.subresource === 'status' ? { subresource: 'status' as const } : {}) }) };
  }
  if (!live) throw errors.notFound(r.type, r.name!);
  const target: KubeObject = r.subresource === 'scale' ? (scaleOf(live) as KubeObject) : live;
  let patched: KubeObject;
  if (contentType === 'application/json-patch+json') patched = applyJsonPatch(target, body);
  else if (contentType === 'application/merge-patch+json') patched = applyMergePatch(target, body) as KubeObject;
  else if (contentType === 'application/strategic-merge-patch+json') patched = applyStrategicMergePatch(target, body) as KubeObject;
  else throw errors.unsupportedMediaType(contentType);
  if (r.subresource === 'scale') {
    const replicas = (patched.spec as { replicas?: number } | undefined)?.replicas ?? 0;
    return { code: 200, object: scaleOf(store.update(r.type, { ...live, spec: { ...live.spec, replicas } }, { dryRun })) };
  }
  patched.metadata.name = live.metadata.name;
  recordUpdate(live, patched, manager, r.subresource);
  return { code: 200, object: store.update(r.type, patched, { dryRun, ...(r.subresource === 'status' ? { subresource: 'status' as const } : {}) }) };
}
