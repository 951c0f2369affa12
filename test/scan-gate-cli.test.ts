import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { startSandbox, type Sandbox } from '@eks-kit/sandbox';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './harness/run-bundle.js';
import { makeWorkspace } from './harness/workspace.js';
import { RegistryPusher } from './scan-gate/push-image.js';

let sandbox: Sandbox;
let push: RegistryPusher;

beforeAll(async () => {
  sandbox = await startSandbox({ scanDelayMs: 200 });
  const ecr = new ECRClient({ region: sandbox.region, endpoint: sandbox.endpoints.ecr, credentials: { accessKeyId: sandbox.credentials.user.accessKeyId, secretAccessKey: sandbox.credentials.user.secretAccessKey }, maxAttempts: 1 });
  const auth = await ecr.send(new GetAuthorizationTokenCommand({}));
  ecr.destroy();
  push = new RegistryPusher(sandbox.endpoints.registry, auth.authorizationData![0]!.authorizationToken!);
});

afterAll(async () => {
  await sandbox?.stop();
});

/** Runs the CLI bundle without blocking this process, which serves the sandbox. */
function cli(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'dist/cli/index.js'), ...args], { cwd, env: { PATH: process.env.PATH, ...sandbox.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('eks-kit scan-gate (dist/cli/index.js) against the sandbox', () => {
  const workspace = makeWorkspace({ 'allow.yaml': '- id: CVE-2024-0001\n  reason: health check only\n  expires: 2099-01-01\n' });

  it('prints a readable report and exits 1 when the policy fails', async () => {
    await push.image('eks-kit/demo', 'vulnerable-cli');
    const run = await cli(['scan-gate', 'eks-kit/demo:vulnerable-cli', '--poll-interval', '1', '--thresholds', 'critical: 0, high: 5'], workspace);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL eks-kit\/demo@sha256:[0-9a-f]{64}\n/);
    expect(run.stdout).toMatch(/FAIL image sha256:[0-9a-f]{64}: 1 critical \(limit 0\)/);
    expect(run.stdout).toMatch(/CRITICAL\s+CVE-2024-0001\s+openssl 3\.0\.0 cvss 9\.8\n/);
  });

  it('exits 0 with the allowlist and prints JSON for scripts', async () => {
    const run = await cli(['scan-gate', '--repository', 'eks-kit/demo', '--tag', 'vulnerable-cli', '--allowlist', 'allow.yaml', '--fail-on', 'critical', '-f', 'json', '--poll-interval', '1'], workspace);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { verdict: string; counts: Record<string, number>; platforms: { ignored: { id: string; allowlist?: string }[] }[] };
    expect(report.verdict).toBe('pass');
    expect(report.counts.CRITICAL).toBe(0);
    expect(report.platforms[0]?.ignored).toEqual([{ id: 'CVE-2024-0001', package: 'openssl', reason: 'allowlisted', allowlist: 'allow.yaml:1' }]);
  });

  it('exits 2 naming the flag on bad input', async () => {
    const run = await cli(['scan-gate', 'eks-kit/demo:x', '--thresholds', 'critical=zero'], workspace);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--thresholds: "zero" for critical is not a whole number');
    const image = await cli(['scan-gate', 'eks-kit/demo'], workspace);
    expect(image.code).toBe(2);
    expect(image.stderr).toContain('<image>: "eks-kit/demo" has neither a tag nor a digest');
  });
});
