/**
 * The HTTP face of the simulator: request log, fault injection, authentication, discovery and
 * OpenAPI, then routing to the resource verbs (handlers.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import type { FaultInjector, FaultKind } from '../faults.js';
import type { KubeObject } from './types.js';
import type { Cluster } from './cluster.js';
import type { WatchHub } from './watch.js';
import { parseRoute } from './routes.js';
import { errors, KubeError } from './status.js';
import { AGGREGATED_CONTENT_TYPE, aggregatedDiscovery, legacyApiVersions, legacyGroup, legacyGroupList, resourceList, versionInfo, wantsAggregated } from './discovery.js';
import { openApiForPath, openApiIndex } from './openapi.js';
import { decodeKubeProtobuf } from './protobuf.js';
import { sendError, sendJson } from './respond.js';
import { create, get, list, listOf, patch, replace, selected, watch } from './handlers.js';

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
  /** The client's User-Agent: kubectl's, or another program's. */
  userAgent?: string;
  user?: string;
  status?: number;
  /** When it arrived (epoch ms), for timelines. */
  at: number;
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
const PLAIN_FAULTS: readonly FaultKind[] = ['throttle', 'server-error', 'slow', 'reset', 'stall'];
const WATCH_FAULTS: readonly FaultKind[] = [...PLAIN_FAULTS, 'drop-watch', 'lag-watch', 'silence-watch'];
// Only a watch that resumes from a resourceVersion can find it expired.
const RESUMED_WATCH_FAULTS: readonly FaultKind[] = [...WATCH_FAULTS, 'expire-watch'];

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
      at: Date.now(),
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      ...(req.headers['content-type'] ? { contentType: req.headers['content-type'] } : {}),
      ...(req.headers.accept ? { accept: req.headers.accept } : {}),
      ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}),
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

  const resumes = isWatch && (q.get('resourceVersion') ?? '0') !== '0';
  const plan = ctx.faults?.next(`kube:${method} ${path}`, resumes ? RESUMED_WATCH_FAULTS : isWatch ? WATCH_FAULTS : PLAIN_FAULTS);
  let dropAfterMs: number | undefined;
  let lagMs: number | undefined;
  let expired = false;
  let silent = false;
  if (plan) {
    if (plan.kind === 'throttle') {
      const seconds = plan.retryAfterSeconds ?? 1;
      return sendError(res, errors.tooManyRequests(seconds), { 'Retry-After': String(seconds) });
    }
    if (plan.kind === 'server-error') {
      const code = plan.statusCode ?? 500;
      // An RBAC denial as the apiserver words it; the simulator has no RBAC of its own.
      if (code === 403) return sendError(res, new KubeError(403, 'Forbidden', `${path} is forbidden: RBAC does not allow ${method} on it (an injected fault)`));
      return sendError(res, code === 503 ? new KubeError(503, 'ServiceUnavailable', 'the server is currently unable to handle the request') : new KubeError(code, 'InternalError', 'an error on the server ("Internal Server Error") has prevented the request from succeeding'));
    }
    if (plan.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (plan.kind === 'stall') {
      // Never answered: only the client giving up (or the server stopping) ends the request.
      await new Promise((resolve) => res.once('close', resolve));
      return;
    }
    if (plan.kind === 'slow') await new Promise((r) => setTimeout(r, plan.delayMs ?? 1000));
    if (plan.kind === 'drop-watch') dropAfterMs = plan.delayMs ?? 0;
    if (plan.kind === 'lag-watch') lagMs = plan.delayMs ?? 1000;
    if (plan.kind === 'expire-watch') expired = true;
    if (plan.kind === 'silence-watch') silent = true;
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
    if (wantsAggregated(accept)) return sendJson(res, 200, aggregatedDiscovery(ctx.cluster.store.types, path === '/api'), AGGREGATED_CONTENT_TYPE);
    return sendJson(res, 200, path === '/api' ? legacyApiVersions(ctx.serverAddress()) : legacyGroupList(ctx.cluster.store.types));
  }
  if (path === '/openapi/v2') {
    // An empty protobuf Document: kubectl then validates unknown kinds as a real server lets it
    // (answering "no matches for kind"), and falls back to built-in types for patches.
    res.writeHead(200, { 'Content-Type': 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf', 'Content-Length': 0 });
    return void res.end();
  }
  if (path === '/openapi/v3') return sendJson(res, 200, openApiIndex(ctx.cluster.store.types));
  if (path.startsWith('/openapi/v3/')) {
    const doc = openApiForPath(ctx.cluster.store.types, path);
    return doc ? sendJson(res, 200, doc) : sendError(res, errors.noResource());
  }
  const route = parseRoute(ctx.cluster.store.types, path);
  if (!route) return sendError(res, errors.noResource());
  if (route.kind === 'group') {
    const g = legacyGroup(ctx.cluster.store.types, route.group);
    return g ? sendJson(res, 200, g) : sendError(res, errors.noResource());
  }
  if (route.kind === 'groupVersion') {
    const list = resourceList(ctx.cluster.store.types, route.group, route.version);
    return list ? sendJson(res, 200, list) : sendError(res, errors.noResource());
  }
  const r = route.route;
  const dryRun = q.getAll('dryRun').includes('All');
  switch (method) {
    case 'GET':
      if (r.name === undefined) {
        if (isWatch) return watch(ctx, req, res, r, q, { ...(dropAfterMs === undefined ? {} : { dropAfterMs }), ...(lagMs === undefined ? {} : { lagMs }), expired, silent });
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
