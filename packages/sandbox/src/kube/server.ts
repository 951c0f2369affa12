/**
 * The HTTP face of the simulator: authentication, fault injection, discovery, OpenAPI and the
 * resource verbs (get, list, watch, create, update, patch in four content types, delete).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import type { FaultInjector, FaultKind } from '../faults.js';
import type { KubeObject } from './types.js';
import { isObject } from './types.js';
import type { Cluster } from './cluster.js';
import type { WatchHub } from './watch.js';
import type { ResourceRoute } from './routes.js';
import { parseRoute } from './routes.js';
import { apiVersionOf } from './resources.js';
import { errors, KubeError } from './status.js';
import { AGGREGATED_CONTENT_TYPE, aggregatedDiscovery, legacyApiVersions, legacyGroup, legacyGroupList, resourceList, versionInfo, wantsAggregated } from './discovery.js';
import { openApiForPath, openApiIndex } from './openapi.js';
import { parseFieldSelector, parseLabelSelector, selectorToString } from './selectors.js';
import { applyJsonPatch } from './patch/json-patch.js';
import { applyMergePatch } from './patch/merge-patch.js';
import { applyStrategicMergePatch } from './patch/strategic-merge.js';
import { serverSideApply } from './patch/apply.js';
import { recordUpdate } from './patch/managed-fields.js';
import { serveLogs } from './logs.js';
import { decodeKubeProtobuf } from './protobuf.js';
import { asTable, wantsTable } from './table.js';

export interface User {
  username: string;
  groups: string[];
}

export interface RequestRecord {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType?: string;
  accept?: string;
  user?: string;
  status?: number;
}

export interface ServerContext {
  cluster: Cluster;
  watches: WatchHub;
  authenticate?: (token: string) => Promise<User | undefined>;
  faults?: FaultInjector;
  requests: RequestRecord[];
  serverAddress: () => string;
}

const MAX_BODY = 3 * 1024 * 1024;
const PUBLIC_PATHS = new Set(['/version', '/healthz', '/livez', '/readyz']);
const PLAIN_FAULTS: readonly FaultKind[] = ['throttle', 'server-error', 'slow', 'reset'];
const ALL_FAULTS: readonly FaultKind[] = [...PLAIN_FAULTS, 'drop-watch'];

function sendJson(res: ServerResponse, code: number, body: unknown, contentType = 'application/json'): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: ServerResponse, error: KubeError, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(error.body);
  res.writeHead(error.code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new KubeError(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function parseBody(body: Buffer, contentType: string): unknown {
  // Typed clients (`kubectl create configmap` …) send protobuf.
  if (contentType.startsWith('application/vnd.kubernetes.protobuf')) return decodeKubeProtobuf(body);
  const text = body.toString('utf8');
  if (text.trim() === '') throw errors.badRequest('the body of the request was empty');
  try {
    return contentType.startsWith('application/apply-patch+yaml') ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw errors.badRequest(`the body of the request could not be decoded: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function defaultManager(req: IncomingMessage): string {
  const agent = req.headers['user-agent'] ?? 'unknown';
  return agent.split('/')[0] || 'unknown';
}

export function createHandler(ctx: ServerContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const record: RequestRecord = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      ...(req.headers['content-type'] ? { contentType: req.headers['content-type'] } : {}),
      ...(req.headers.accept ? { accept: req.headers.accept } : {}),
    };
    if (ctx.requests.length < 10000) ctx.requests.push(record);
    res.on('finish', () => (record.status = res.statusCode));
    handle(ctx, req, res, url, record).catch((error: unknown) => {
      if (res.headersSent) {
        res.end();
        return;
      }
      if (error instanceof KubeError) sendError(res, error);
      else sendError(res, errors.internal(error instanceof Error ? error.message : String(error)));
    });
  };
}

async function handle(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, url: URL, record: RequestRecord): Promise<void> {
  const method = req.method ?? 'GET';
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const q = url.searchParams;
  const isWatch = q.get('watch') === 'true' || q.get('watch') === '1';

  const plan = ctx.faults?.next(`kube:${method} ${path}`, isWatch ? ALL_FAULTS : PLAIN_FAULTS);
  let dropAfterMs: number | undefined;
  if (plan) {
    if (plan.kind === 'throttle') {
      const seconds = plan.retryAfterSeconds ?? 1;
      return sendError(res, errors.tooManyRequests(seconds), { 'Retry-After': String(seconds) });
    }
    if (plan.kind === 'server-error') {
      const code = plan.statusCode ?? 500;
      return sendError(res, code === 503 ? new KubeError(503, 'ServiceUnavailable', 'the server is currently unable to handle the request') : new KubeError(code, 'InternalError', 'an error on the server ("Internal Server Error") has prevented the request from succeeding'));
    }
    if (plan.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (plan.kind === 'slow') await new Promise((r) => setTimeout(r, plan.delayMs ?? 1000));
    if (plan.kind === 'drop-watch') dropAfterMs = plan.delayMs ?? 0;
  }

  const auth = req.headers.authorization;
  if (ctx.authenticate) {
    const token = auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length).trim() : undefined;
    const user = token ? await ctx.authenticate(token) : undefined;
    if (!user && !(token === undefined && PUBLIC_PATHS.has(path))) return sendError(res, errors.unauthorized());
    if (user) record.user = user.username;
  }

  if (path === '/version') return sendJson(res, 200, versionInfo());
  if (path === '/healthz' || path === '/livez' || path === '/readyz') {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    return void res.end('ok');
  }
  if (path === '/api' || path === '/apis') {
    const accept = req.headers.accept;
    if (wantsAggregated(accept)) return sendJson(res, 200, aggregatedDiscovery(path === '/api'), AGGREGATED_CONTENT_TYPE);
    return sendJson(res, 200, path === '/api' ? legacyApiVersions(ctx.serverAddress()) : legacyGroupList());
  }
  if (path === '/openapi/v2') {
    // An empty protobuf Document: kubectl then validates unknown kinds as a real server lets it
    // (answering "no matches for kind"), and falls back to built-in types for patches.
    res.writeHead(200, { 'Content-Type': 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf', 'Content-Length': 0 });
    return void res.end();
  }
  if (path === '/openapi/v3') return sendJson(res, 200, openApiIndex());
  if (path.startsWith('/openapi/v3/')) {
    const doc = openApiForPath(path);
    return doc ? sendJson(res, 200, doc) : sendError(res, errors.noResource());
  }
  const route = parseRoute(path);
  if (!route) return sendError(res, errors.noResource());
  if (route.kind === 'group') {
    const g = legacyGroup(route.group);
    return g ? sendJson(res, 200, g) : sendError(res, errors.noResource());
  }
  if (route.kind === 'groupVersion') {
    const list = resourceList(route.group, route.version);
    return list ? sendJson(res, 200, list) : sendError(res, errors.noResource());
  }
  const r = route.route;
  const dryRun = q.getAll('dryRun').includes('All');
  switch (method) {
    case 'GET':
      if (r.name === undefined) {
        if (isWatch) return watch(ctx, req, res, r, q, dropAfterMs);
        return list(ctx, req, res, r, q);
      }
      return get(ctx, req, res, r, q);
    case 'POST': {
      if (r.name !== undefined) throw errors.methodNotAllowed();
      const body = parseBody(await readBody(req), req.headers['content-type'] ?? 'application/json') as KubeObject;
      return sendJson(res, 201, create(ctx, r, body, q.get('fieldManager') ?? defaultManager(req), dryRun));
    }
    case 'PUT': {
      if (r.name === undefined) throw errors.methodNotAllowed();
      const body = parseBody(await readBody(req), req.headers['content-type'] ?? 'application/json') as KubeObject;
      return sendJson(res, 200, replace(ctx, r, body, q.get('fieldManager') ?? defaultManager(req), dryRun));
    }
    case 'PATCH': {
      if (r.name === undefined) throw errors.methodNotAllowed();
      const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
      const body = parseBody(await readBody(req), contentType);
      const { code, object } = patch(ctx, r, contentType, body, q.get('fieldManager') ?? defaultManager(req), q.get('force') === 'true', dryRun);
      return sendJson(res, code, object);
    }
    case 'DELETE': {
      const text = (await readBody(req)).toString('utf8');
      const options = text.trim() ? (JSON.parse(text) as { propagationPolicy?: string; dryRun?: string[] }) : {};
      const propagation = q.get('propagationPolicy') ?? options.propagationPolicy;
      const isDry = dryRun || (options.dryRun ?? []).includes('All');
      if (r.name === undefined) {
        const items = selected(ctx, r, q).map((o) => ctx.cluster.store.delete(r.type, o.metadata.namespace, o.metadata.name!, { dryRun: isDry, ...(propagation ? { propagation } : {}) }));
        return sendJson(res, 200, listOf(ctx, r, items));
      }
      return sendJson(res, 200, ctx.cluster.store.delete(r.type, r.namespace, r.name, { dryRun: isDry, ...(propagation ? { propagation } : {}) }));
    }
    default:
      throw errors.methodNotAllowed();
  }
}

function selected(ctx: ServerContext, r: ResourceRoute, q: URLSearchParams): KubeObject[] {
  const labels = parseLabelSelector(q.get('labelSelector'));
  const fields = parseFieldSelector(q.get('fieldSelector'));
  return ctx.cluster.store.list(r.type, r.namespace).filter((o) => labels(o.metadata.labels ?? {}) && fields(o));
}

function listOf(ctx: ServerContext, r: ResourceRoute, items: KubeObject[]): object {
  return { kind: `${r.type.kind}List`, apiVersion: apiVersionOf(r.type), metadata: { resourceVersion: ctx.cluster.store.resourceVersion() }, items };
}

function list(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, r: ResourceRoute, q: URLSearchParams): void {
  if (r.namespace && r.type.namespaced && !ctx.cluster.store.namespaceExists(r.namespace)) {
    // A real server lists an empty collection for a namespace that does not exist.
  }
  const items = selected(ctx, r, q).sort((a, b) => `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`));
  if (wantsTable(req.headers.accept)) return sendJson(res, 200, asTable(r.type, items, ctx.cluster.store.resourceVersion()));
  sendJson(res, 200, listOf(ctx, r, items));
}

function watch(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, r: ResourceRoute, q: URLSearchParams, dropAfterMs: number | undefined): void {
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
    ...(dropAfterMs !== undefined ? { dropAfterMs } : {}),
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

function get(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, r: ResourceRoute, q: URLSearchParams): void {
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

function create(ctx: ServerContext, r: ResourceRoute, body: KubeObject, manager: string, dryRun: boolean): KubeObject {
  checkNamespace(r, body);
  recordUpdate(undefined, body, manager);
  return ctx.cluster.store.create(r.type, body, { dryRun });
}

function replace(ctx: ServerContext, r: ResourceRoute, body: KubeObject, manager: string, dryRun: boolean): object {
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

function patch(ctx: ServerContext, r: ResourceRoute, contentType: string, body: unknown, manager: string, force: boolean, dryRun: boolean): { code: number; object: object } {
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
