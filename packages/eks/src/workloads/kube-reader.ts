import type { ClientRequest } from 'node:http';
import { request } from 'node:https';
import type { LiveObject } from './objects.js';

/** Reads lists from a cluster's API; the HTTPS reader below, or a test's fixed answers. */
export interface KubeReader {
  /** Every item of a collection (`/apis/apps/v1/deployments`), all pages; a query (labelSelector) may follow the path. */
  list(path: string): Promise<LiveObject[]>;
  /** One document (discovery: `/apis`, `/apis/apps/v1`). */
  get(path: string): Promise<unknown>;
}

/** An answer other than a list: the status (0 when the API was not reached) and the API's own message. */
export class KubeReadError extends Error {
  override name = 'KubeReadError';
  constructor(
    readonly path: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface HttpsReaderOptions {
  /** https://… from DescribeCluster. */
  server: string;
  /** certificateAuthority.data: base64 PEM. */
  caData: string;
  /** A fresh bearer token per request (an EKS token lives 15 minutes). */
  token: () => Promise<string>;
  /** Per request; a black-holed endpoint otherwise hangs until the OS gives up. */
  timeoutMs?: number;
}

const PAGE = 500;

/**
 * Lists over HTTPS with the cluster's CA and a bearer token, page by page (limit/continue). The
 * checks need every list, so the first failure ends the reader: requests still open are cut and
 * later ones fail at once, and a black-holed endpoint costs one timeout, not one per request.
 */
export function httpsKubeReader(options: HttpsReaderOptions): KubeReader {
  const ca = Buffer.from(options.caData, 'base64');
  const open = new Set<ClientRequest>();
  let gaveUp: KubeReadError | undefined;
  const giveUp = (error: KubeReadError) => {
    gaveUp ??= error;
    for (const r of open) r.destroy();
    return error;
  };
  const get = async (path: string): Promise<{ items?: LiveObject[]; metadata?: { continue?: string } }> => {
    if (gaveUp) throw gaveUp;
    const url = new URL(path, options.server);
    const token = await options.token();
    return new Promise((resolve, reject) => {
      const req = request(url, { method: 'GET', ca, headers: { authorization: `Bearer ${token}`, accept: 'application/json' }, timeout: options.timeoutMs ?? 15_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          let body: { message?: string; items?: LiveObject[]; metadata?: { continue?: string } } | undefined;
          try {
            body = JSON.parse(text) as typeof body;
          } catch {
            body = undefined;
          }
          if (status >= 200 && status < 300 && body) resolve(body);
          else reject(giveUp(new KubeReadError(url.pathname, status, `${status} ${res.statusMessage ?? ''}`.trim() + (body?.message ? `: ${body.message}` : ''))));
        });
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${(options.timeoutMs ?? 15_000) / 1000} s`)));
      req.on('error', (error: NodeJS.ErrnoException) => reject(gaveUp ?? giveUp(new KubeReadError(url.pathname, 0, `cannot reach ${options.server}: ${error.code ?? error.message}`))));
      req.on('close', () => open.delete(req));
      open.add(req);
      req.end();
    });
  };
  return {
    get,
    list: async (path) => {
      const items: LiveObject[] = [];
      let next: string | undefined;
      do {
        const page = await get(`${path}${path.includes('?') ? '&' : '?'}limit=${PAGE}${next ? `&continue=${encodeURIComponent(next)}` : ''}`);
        items.push(...(page.items ?? []));
        next = page.metadata?.continue || undefined;
      } while (next);
      return items;
    },
  };
}
