import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSandbox, type Sandbox } from '@eks-kit/sandbox';
import { repoRoot } from './harness/run-bundle.js';
import { appManifest, DIGEST, OTHER_DIGEST, workspaceWith } from './deploy/fixtures.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ kubeApi: { options: { speed: 40, knownImages: (image) => !image.includes('missing') } } });
}, 60_000);
afterAll(async () => sandbox?.stop());

// The CLI's own temp dir, to see that the kubeconfig it writes there is gone afterwards.
const cliTemp = mkdtempSync(path.join(tmpdir(), 'eks-kit-cli-tmp-'));

/** Runs the CLI; `lingerMs` is how long the process stayed after its last output. */
function cli(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string; lingerMs: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'dist/cli/index.js'), ...args], { cwd, env: { PATH: process.env.PATH, HOME: cwd, TMPDIR: cliTemp, ...sandbox.env } });
    let stdout = '';
    let stderr = '';
    let lastOutput = Date.now();
    child.stdout.setEncoding('utf8').on('data', (c: string) => ((stdout += c), (lastOutput = Date.now())));
    child.stderr.setEncoding('utf8').on('data', (c: string) => ((stderr += c), (lastOutput = Date.now())));
    child.on('close', (code) => resolve({ code, stdout, stderr, lingerMs: Date.now() - lastOutput }));
  });
}

describe('eks-kit deploy (dist/cli/index.js) against the sandbox with the real kubectl', () => {
  it('deploys, then rolls a crash loop back with exit 1 and a readable report; leaves no kubeconfig behind', async () => {
    const good = workspaceWith({ 'k8s/app.yaml': appManifest({ namespace: 'cli' }) });
    const first = await cli(['deploy', '-c', 'demo', '-n', 'cli', '-i', `shop/web=registry.example/shop/web@${DIGEST}`, 'k8s'], good);
    expect(first.stdout).toMatch(/^succeeded +Deployment\/web \[revision new -> 1\]/m);
    expect(first.code).toBe(0);

    // A second deploy, settle window off: the verdict is the end. No timer left from the watches
    // (each change used to leave a 1 s poll timer behind) holds the process open after it.
    const again = await cli(['deploy', '-c', 'demo', '-n', 'cli', '--verify-for', '0', '-i', `shop/web=registry.example/shop/web@${DIGEST}`, 'k8s'], good);
    expect(again.code).toBe(0);
    expect(again.lingerMs).toBeLessThan(500);

    const bad = workspaceWith({ 'k8s/app.yaml': appManifest({ namespace: 'cli', failure: 'crashloop' }) });
    const second = await cli(['deploy', '-c', 'demo', '-n', 'cli', '-i', `shop/web=registry.example/shop/web@${OTHER_DIGEST}`, 'k8s'], bad);
    expect(second.code).toBe(1);
    expect(second.stdout).toMatch(/^failed +Deployment\/web \[revision 1 -> 2\]: .*CrashLoopBackOff/m);
    expect(second.stdout).toMatch(/^rollback +Deployment\/web: rolled-back/m);
    expect(second.stdout).toContain('logs of web (previous container)');
    expect(second.stdout + second.stderr).not.toMatch(/k8s-aws-v1\./);
    expect(readdirSync(cliTemp)).toEqual([]);
  });

  it('exits 2 on bad input before touching the cluster', async () => {
    const ws = workspaceWith({ 'k8s/app.yaml': appManifest({ namespace: 'cli-bad' }) });
    const run = await cli(['deploy', '-c', 'demo', '-n', 'cli-bad', '-i', 'typo=repo@sha256:1', 'k8s'], ws);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('images: "typo" matches no container image');
  });
});
