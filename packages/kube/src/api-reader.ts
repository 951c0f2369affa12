/**
 * A few GETs straight to the API server from this process, where a kubectl process would cost
 * more than the request: the record of the workloads before the apply sits on the deploy's
 * critical path. Only for clusters whose access we set up ourselves (server, CA, bearer token);
 * any other kubeconfig goes through kubectl. node:https is loaded on first use, so the action's
 * start-up does not pay for it.
 */
export interface ApiEndpoint {
  server: string;
  /** Base64 PEM, as EKS's certificateAuthority.data. */
  caData?: string;
  /** A fresh bearer token for each request; never sent over plain http, as kubectl does not either. */
  token: () => Promise<string> | string;
}

export interface ApiAnswer {
  status: number;
  body: string;
}

/** How the API server's audit log tells these reads from kubectl's. */
export const USER_AGENT = 'eks-kit-deploy';

export type ApiGet = (path: string, timeoutMs: number) => Promise<ApiAnswer>;

export function apiGetter(endpoint: ApiEndpoint): ApiGet {
  return async (path, timeoutMs) => {
    const url = new URL(path, endpoint.server);
    const secure = url.protocol === 'https:';
    const { request } = secure ? await import('node:https') : await import('node:http');
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': USER_AGENT };
    if (secure) headers.authorization = `Bearer ${await endpoint.token()}`;
    return new Promise<ApiAnswer>((resolve, reject) => {
      const req = request(url, { method: 'GET', headers, timeout: timeoutMs, ...(secure && endpoint.caData ? { ca: Buffer.from(endpoint.caData, 'base64').toString('utf8') } : {}) }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`no answer from ${url.origin} within ${Math.round(timeoutMs / 1000)} s`)));
      req.on('error', reject);
      req.end();
    });
  };
}
