import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import type { Harness } from './kubectl.js';
import { startHarness } from './kubectl.js';

const GOOD = 'k8s-aws-v1.' + Buffer.from('https://sts.us-east-1.amazonaws.com/?Action=GetCallerIdentity').toString('base64url');
const ARN = 'arn:aws:sts::111122223333:assumed-role/deployer/ci';

describe('EKS-style authentication over TLS', () => {
  let h: Harness;
  const seenTokens: string[] = [];
  beforeAll(async () => {
    h = await startHarness(
      {
        tls: true,
        authenticate: async (token) => {
          seenTokens.push(token);
          return token === GOOD ? { username: ARN, groups: ['system:authenticated'] } : undefined;
        },
      },
      { token: GOOD },
    );
  });
  afterAll(async () => {
    await h.close();
  });

  it('serves HTTPS with a CA given as base64 PEM, like DescribeCluster', () => {
    expect(h.api.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(Buffer.from(h.api.caData!, 'base64').toString()).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(h.api.kubeconfig({ token: GOOD })).toContain(`certificate-authority-data: ${h.api.caData}`);
  });

  it('accepts a token the hook maps to a user, and records who called', async () => {
    expect(await h.ok(['get', 'ns', 'default', '-o', 'name'])).toBe('namespace/default\n');
    expect(seenTokens).toContain(GOOD);
    expect(h.api.state.requests.some((r) => r.user === ARN && r.path === '/api/v1/namespaces/default')).toBe(true);
  });

  it('answers 401 to a token the hook rejects, which kubectl reports as not logged in', async () => {
    const r = await h.kubectl(['get', 'ns', 'default'], { kubeconfig: { token: 'k8s-aws-v1.bogus' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: You must be logged in to the server (Unauthorized)');
  });

  it('answers 401 with a Status body to a request without credentials', async () => {
    const ca = Buffer.from(h.api.caData!, 'base64').toString();
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${h.api.url}/api/v1/namespaces`, { ca }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(401);
    expect(JSON.parse(body)).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'Unauthorized', code: 401 });
  });

  it('works with an exec credential plugin, as an EKS kubeconfig does', async () => {
    const plugin = join(h.dir, 'token.mjs');
    const credential = { kind: 'ExecCredential', apiVersion: 'client.authentication.k8s.io/v1beta1', spec: {}, status: { token: GOOD, expirationTimestamp: new Date(Date.now() + 14 * 60_000).toISOString() } };
    writeFileSync(plugin, `process.stdout.write(${JSON.stringify(JSON.stringify(credential))});\n`);
    expect(await h.ok(['get', 'ns', 'default', '-o', 'name'], {})).toBe('namespace/default\n');
    const r = await h.kubectl(['get', 'ns', 'kube-system', '-o', 'name'], { kubeconfig: { exec: { command: process.execPath, args: [plugin] } } });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('namespace/kube-system\n');
  });
});
