/**
 * The API server reached from this process, for the deploy's reads and watches where a kubectl
 * process would cost more than the request. Only for clusters whose access we set up ourselves
 * (server, CA, bearer token); any other kubeconfig, or one behind an HTTPS proxy, goes through
 * kubectl. node:https is loaded on first use, so the action's start-up does not pay for it.
 */
import { EksKitError } from '@eks-kit/core';
import { lineSplitter } from './line-splitter.js';
import type { Agent, IncomingMessage } from 'node:http';
import type { request as httpsRequest, Agent as HttpsAgent } from 'node:https';

export interface KubeApiEndpoint {
  server: string;
  /** Base64 PEM, as EKS's certificateAuthority.data. */
  caData?: string;
  /** The bearer token for each request (cache it: see cachedEksToken); never sent over plain http, as kubectl does not either. */
  token: () => Promise<string> | string;
  /** How the API server's audit log tells these requests from kubectl's. */
  userAgent?: string;
}

export interface ApiAnswer {
  status: number;
  body: string;
}

export interface StreamOptions {
  signal?: AbortSignal;
  /** Give up when the response has not begun by then (default 20 s). */
  headersTimeoutMs?: number;
  /** Give up when nothing arrives for this long (default 130 s: a server ends a watch after 120 s). */
  idleTimeoutMs?: number;
}

export interface SendOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** A request body (a PATCH's), sent with `contentType`. */
  body?: string;
  contentType?: string;
}

export interface KubeApi {
  readonly server: string;
  get(path: string, options: { timeoutMs: number; signal?: AbortSignal }): Promise<ApiAnswer>;
  /** Any method; the whole answer, whatever its status, within `timeoutMs`. */
  send(method: 'GET' | 'PATCH', path: string, options: SendOptions): Promise<ApiAnswer>;
  /** The lines of a streamed answer (a watch: one JSON event a line); a non-2xx answer throws ApiStatus. */
  stream(path: string, options?: StreamOptions): AsyncIterable<string>;
}

export const USER_AGENT = 'eks-kit-deploy';
export const HEADERS_TIMEOUT_MS = 20_000;
export const IDLE_TIMEOUT_MS = 130_000;

/** The API server did not answer: refused, unresolvable, timed out, cut off. Names the endpoint. */
export class ApiUnreachable extends EksKitError {
  override name = 'ApiUnreachable';
  constructor(readonly endpoint: string, readonly detail: string) {
    super(`cannot reach the API server at ${endpoint}: ${detail}`);
  }
}

/** The API server answered a stream with an error status instead of data. */
export class ApiStatus extends EksKitError {
  override name = 'ApiStatus';
  constructor(readonly status: number, readonly body: string, path: string) {
    super(`GET ${path} answered ${status}: ${statusMessage(body)}`);
  }
}

const duration = (ms: number) => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`);

/** The message of a Kubernetes Status body, or the start of whatever else came back. */
export function statusMessage(body: string): string {
  try {
    const status = JSON.parse(body) as { message?: string; reason?: string };
    return status.message ?? status.reason ?? body.slice(0, 200);
  } catch {
    return body.slice(0, 200);
  }
}

export function kubeApi(endpoint: KubeApiEndpoint): KubeApi {
  const origin = new URL(endpoint.server).origin;
  const secure = origin.startsWith('https:');
  let agent: Promise<{ agent: Agent; request: typeof httpsRequest }> | undefined;
  // One keep-alive agent: a watch renewed or a second GET reuses the TLS connection.
  const transport = () =>
    (agent ??= (async () => {
      const mod = secure ? await import('node:https') : await import('node:http');
      const ca = secure && endpoint.caData ? { ca: Buffer.from(endpoint.caData, 'base64').toString('utf8') } : {};
      return { agent: new (mod.Agent as typeof HttpsAgent)({ keepAlive: true, ...ca }), request: mod.request as typeof httpsRequest };
    })());

  const open = async (path: string, headersTimeoutMs: number, signal: AbortSignal | undefined, method = 'GET', body?: { text: string; contentType: string }): Promise<IncomingMessage> => {
    const url = new URL(path, origin);
    const { agent: a, request } = await transport();
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': endpoint.userAgent ?? USER_AGENT };
    if (secure) headers.authorization = `Bearer ${await endpoint.token()}`;
    if (body) {
      headers['content-type'] = body.contentType;
      headers['content-length'] = String(Buffer.byteLength(body.text));
    }
    return new Promise<IncomingMessage>((resolve, reject) => {
      const req = request(url, { method, headers, agent: a, ...(signal ? { signal } : {}) }, (res) => {
        clearTimeout(timer);
        resolve(res);
      });
      const timer = setTimeout(() => req.destroy(new ApiUnreachable(origin, `no answer within ${duration(headersTimeoutMs)}`)), headersTimeoutMs);
      req.on('error', (error) => {
        clearTimeout(timer);
        reject(error instanceof EksKitError || error.name === 'AbortError' ? error : new ApiUnreachable(origin, (error as NodeJS.ErrnoException).code ?? error.message));
      });
      req.end(body?.text);
    });
  };

  const send: KubeApi['send'] = async (method, path, { timeoutMs, signal, body, contentType }) => {
    const started = Date.now();
    const res = await open(path, timeoutMs, signal, method, body === undefined ? undefined : { text: body, contentType: contentType ?? 'application/json' });
    let text = '';
    const left = Math.max(1, timeoutMs - (Date.now() - started));
    for await (const chunk of lines(res, left, origin, false)) text += chunk;
    return { status: res.statusCode ?? 0, body: text };
  };

  return {
    server: origin,
    get: (path, options) => send('GET', path, options),
    send,
    async *stream(path, options = {}) {
      const res = await open(path, options.headersTimeoutMs ?? HEADERS_TIMEOUT_MS, options.signal);
      if ((res.statusCode ?? 0) >= 300) {
        let body = '';
        for await (const chunk of lines(res, options.headersTimeoutMs ?? HEADERS_TIMEOUT_MS, origin, false)) body += chunk;
        throw new ApiStatus(res.statusCode ?? 0, body, path);
      }
      yield* lines(res, options.idleTimeoutMs ?? IDLE_TIMEOUT_MS, origin, true);
    },
  };
}

/**
 * The body as it arrives, split into lines when `split` (else raw chunks); destroyed when nothing
 * arrives within `idleMs`, so a stream that went silent ends instead of hanging.
 */
async function* lines(res: IncomingMessage, idleMs: number, origin: string, split: boolean): AsyncGenerator<string> {
  res.setEncoding('utf8');
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => res.destroy(new ApiUnreachable(origin, `nothing received for ${duration(idleMs)}`)), idleMs);
  };
  const splitter = lineSplitter();
  try {
    arm();
    for await (const chunk of res as AsyncIterable<string>) {
      arm();
      if (!split) {
        yield chunk;
        continue;
      }
      yield* splitter.push(chunk);
    }
    const rest = splitter.rest();
    if (rest) yield rest;
  } catch (error) {
    throw error instanceof EksKitError || (error as Error).name === 'AbortError' ? error : new ApiUnreachable(origin, (error as NodeJS.ErrnoException).code ?? (error as Error).message);
  } finally {
    clearTimeout(timer);
    // A consumer that stops early (a watch aborted) frees the connection.
    if (!res.complete) res.destroy();
  }
}
