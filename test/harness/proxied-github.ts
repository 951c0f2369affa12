import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, request, type Server } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The name the bundle is told the GitHub API has: not loopback, so the proxy is not bypassed. */
export const PROXIED_GITHUB_HOST = 'api.github.test';

export interface ProxiedGitHub {
  /** For HTTPS_PROXY: a plain HTTP proxy that only tunnels (CONNECT). */
  proxyUrl: string;
  /** For GITHUB_API_URL. */
  apiUrl: string;
  /** For NODE_EXTRA_CA_CERTS: the self-signed certificate of the HTTPS front. */
  caFile: string;
  /** Every CONNECT target the proxy was asked for, in order. */
  tunnels: string[];
  stop(): Promise<void>;
}

/**
 * The GitHub API as a runner behind a corporate proxy reaches it: over HTTPS, through a CONNECT
 * proxy. The proxy tunnels `api.github.test:443` to an HTTPS front (a self-signed certificate made
 * with openssl) that forwards each request to `backendUrl`, the sandbox's plain-HTTP GitHub API.
 * Any other tunnel target is refused, so a request that reaches GitHub is one that went through.
 */
export async function startProxiedGitHub(backendUrl: string): Promise<ProxiedGitHub> {
  const dir = mkdtempSync(path.join(tmpdir(), 'eks-kit-proxy-'));
  const keyFile = path.join(dir, 'key.pem');
  const caFile = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', caFile, '-days', '2', '-subj', `/CN=${PROXIED_GITHUB_HOST}`, '-addext', `subjectAltName=DNS:${PROXIED_GITHUB_HOST}`], { stdio: 'ignore' });

  const backend = new URL(backendUrl);
  const front = createHttpsServer({ key: readFileSync(keyFile), cert: readFileSync(caFile) }, (req, res) => {
    const forward = request({ host: backend.hostname, port: backend.port, method: req.method, path: req.url, headers: { ...req.headers, host: backend.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  await listen(front);
  const frontPort = (front.address() as AddressInfo).port;

  const tunnels: string[] = [];
  const proxy = createHttpServer((_req, res) => res.writeHead(405).end('CONNECT only\n'));
  proxy.on('connect', (req, client, head) => {
    const target = req.url ?? '';
    tunnels.push(target);
    if (target !== `${PROXIED_GITHUB_HOST}:443`) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(frontPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await listen(proxy);

  return {
    proxyUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    apiUrl: `https://${PROXIED_GITHUB_HOST}`,
    caFile,
    tunnels,
    stop: async () => {
      await Promise.all([close(proxy), close(front)]);
    },
  };
}

function listen(server: Server | HttpsServer): Promise<void> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
}

function close(server: Server | HttpsServer): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
