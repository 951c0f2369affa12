/**
 * A throwaway certificate authority and a server certificate for 127.0.0.1/localhost, made with the
 * openssl CLI (argv arrays, a private temp dir). kubectl sends credentials only over HTTPS, so
 * authentication needs this. Generated once per process: it takes a few hundred milliseconds.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TlsMaterial {
  /** PEM of the CA; base64 of it is what EKS returns as certificateAuthority.data. */
  caPem: string;
  certPem: string;
  keyPem: string;
}

let cached: Promise<TlsMaterial> | undefined;

export function tlsMaterial(openssl = 'openssl'): Promise<TlsMaterial> {
  cached ??= generate(openssl).catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

async function generate(openssl: string): Promise<TlsMaterial> {
  const dir = await mkdtemp(join(tmpdir(), 'kube-sandbox-tls-'));
  try {
    const p = (name: string) => join(dir, name);
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    await run(openssl, ['req', '-x509', ...ec, '-days', '3650', '-subj', '/CN=kubernetes', '-keyout', p('ca.key'), '-out', p('ca.crt'),
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign,digitalSignature']);
    await run(openssl, ['req', ...ec, '-subj', '/CN=kube-apiserver', '-keyout', p('server.key'), '-out', p('server.csr')]);
    await writeFile(p('ext.cnf'), 'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default.svc\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n');
    await run(openssl, ['x509', '-req', '-in', p('server.csr'), '-CA', p('ca.crt'), '-CAkey', p('ca.key'), '-CAcreateserial', '-days', '3650', '-out', p('server.crt'), '-extfile', p('ext.cnf')]);
    const [caPem, certPem, keyPem] = await Promise.all([readFile(p('ca.crt'), 'utf8'), readFile(p('server.crt'), 'utf8'), readFile(p('server.key'), 'utf8')]);
    return { caPem, certPem, keyPem };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
