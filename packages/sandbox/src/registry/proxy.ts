import { request as httpRequest } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultInjector } from '../faults.js';
import { applyFault } from '../http/faults.js';
import type { FaultRenderer } from '../http/faults.js';
import { sendJson } from '../http/body.js';
import { startHttpServer } from '../http/server.js';
import type { RunningServer } from '../http/server.js';

/** An answer in the registry's own error format, e.g. `{ status: 404, code: 'NAME_UNKNOWN' }`. */
export interface RegistryRefusal {
  status: number;
  code: string;
  message: string;
}

/** What the ECR emulator decides about pushes and pulls that reach the registry. */
export interface RegistryHooks {
  /** Credentials are valid for the registry (checked before repository rules, as ECR does). */
  credentialsValid(authorization: string | undefined): boolean;
  /** Why requests to this repository are refused (ECR: it was never created), if they are. */
  repositoryRefusal(repository: string): RegistryRefusal | undefined;
  beforeManifestPut(repository: string, reference: string): Promise<RegistryRefusal | undefined>;
  afterManifestPut(repository: string, reference: string, digest: string): Promise<void>;
  /** A manifest was served (not just HEAD): ECR records it as the image's last pull. */
  afterManifestPull(repository: string, digest: string): void;
}

/** Hooks known only after the front end listens (the emulator needs its address first). */
export function deferredHooks(current: () => RegistryHooks | undefined): RegistryHooks {
  const get = (): RegistryHooks => {
    const hooks = current();
    if (!hooks) throw new Error('registry front end used before the ECR emulator was ready');
    return hooks;
  };
  return {
    credentialsValid: (authorization) => get().credentialsValid(authorization),
    repositoryRefusal: (repository) => get().repositoryRefusal(repository),
    beforeManifestPut: (repository, reference) => get().beforeManifestPut(repository, reference),
    afterManifestPut: (repository, reference, digest) => get().afterManifestPut(repository, reference, digest),
    afterManifestPull: (repository, digest) => get().afterManifestPull(repository, digest),
  };
}

const REPOSITORY_PATH = /^\/v2\/(.+?)\/(manifests|blobs|tags)\/(.*)$/;

const registryFaults: FaultRenderer = {
  throttle(res, plan) {
    const headers: Record<string, number> = plan.retryAfterSeconds === undefined ? {} : { 'retry-after': plan.retryAfterSeconds };
    sendJson(res, 429, registryErrors('TOOMANYREQUESTS', 'Rate exceeded'), 'application/json', headers);
  },
  serverError(res) {
    sendJson(res, 503, registryErrors('UNAVAILABLE', 'service unavailable'));
  },
};

/**
 * The registry endpoint clients see. It streams everything to the real registry, and enforces what
 * ECR adds on top: pushes only to existing repositories, immutable tags, scan on push, push times.
 */
export function startRegistryProxy(upstreamUrl: string, hooks: RegistryHooks, faults: FaultInjector): Promise<RunningServer> {
  const upstream = new URL(upstreamUrl);
  return startHttpServer(async (req, res) => {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const match = REPOSITORY_PATH.exec(path);
    const operation = `registry:${method} ${match?.[2] ?? (path === '/v2/' ? 'ping' : 'other')}`;
    if (await applyFault(faults, operation, req, res, registryFaults)) return;

    if (match && hooks.credentialsValid(req.headers.authorization)) {
      const [, repository = '', kind, rest = ''] = match;
      const refusal = hooks.repositoryRefusal(repository);
      if (refusal) return refuse(res, refusal);
      if (kind === 'manifests' && method === 'PUT') {
        const tagRefusal = await hooks.beforeManifestPut(repository, rest);
        if (tagRefusal) return refuse(res, tagRefusal);
        return forward(req, res, upstream, async (status, headers) => {
          const digest = headers['docker-content-digest'];
          if (status === 201 && typeof digest === 'string') await hooks.afterManifestPut(repository, rest, digest);
        });
      }
      if (kind === 'manifests' && method === 'GET') {
        return forward(req, res, upstream, async (status, headers) => {
          const digest = headers['docker-content-digest'];
          if (status === 200 && typeof digest === 'string') hooks.afterManifestPull(repository, digest);
        });
      }
    }
    return forward(req, res, upstream);
  });
}

function forward(
  req: IncomingMessage,
  res: ServerResponse,
  upstream: URL,
  beforeAnswer?: (status: number, headers: IncomingMessage['headers']) => Promise<void>,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        const status = answer.statusCode ?? 502;
        Promise.resolve(beforeAnswer?.(status, answer.headers))
          .then(() => {
            res.writeHead(status, answer.statusMessage, answer.headers);
            answer.pipe(res);
            answer.once('end', () => resolve());
            answer.once('error', reject);
          })
          .catch(reject);
      },
    );
    outgoing.once('error', (error) => {
      if (!res.headersSent) {
        sendJson(res, 502, registryErrors('UNAVAILABLE', `registry unreachable: ${error.message}`));
        resolve();
      } else {
        reject(error);
      }
    });
    req.pipe(outgoing);
  });
}

function refuse(res: ServerResponse, refusal: RegistryRefusal): void {
  sendJson(res, refusal.status, registryErrors(refusal.code, refusal.message));
}

function registryErrors(code: string, message: string) {
  return { errors: [{ code, message, detail: {} }] };
}
