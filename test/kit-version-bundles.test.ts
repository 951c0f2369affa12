import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { CreateRepositoryCommand, ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { startSandbox, type Sandbox } from '@eks-kit/sandbox';
import { repoRoot, runBundle } from './harness/run-bundle.js';
import { makeWorkspace } from './harness/workspace.js';
import { RegistryPusher } from './scan-gate/push-image.js';

// The version is written into the bundles at build time: build them with another one and look
// for it everywhere the kit states its version.
const BUMPED = '9.8.7-bump.1';
const run = promisify(execFile);

let dist: string;
let sandbox: Sandbox;
let userAgents: string[] = [];
let recorder: Server;

beforeAll(async () => {
  dist = mkdtempSync(path.join(tmpdir(), 'eks-kit-bumped-dist-'));
  const script = `const { packageAll } = await import(${JSON.stringify(path.join(repoRoot, 'scripts/package.mjs'))}); await packageAll(${JSON.stringify(dist)}, { version: ${JSON.stringify(BUMPED)} });`;
  await run(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot });
  sandbox = await startSandbox({ scanDelayMs: 100 });
  // An ECR stand-in that only records who calls it and answers with an ECR error.
  recorder = createServer((request, response) => {
    userAgents.push(`${request.headers['user-agent'] ?? ''} | ${request.headers['x-amz-user-agent'] ?? ''}`);
    request.resume();
    response.writeHead(400, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': 'RepositoryNotFoundException' });
    response.end(JSON.stringify({ __type: 'RepositoryNotFoundException', message: 'no such repository' }));
  });
  await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
}, 300_000);

afterAll(async () => {
  await new Promise((resolve) => recorder?.close(resolve));
  await sandbox?.stop();
  if (dist) rmSync(dist, { recursive: true, force: true });
});

describe(`bundles built as version ${BUMPED}`, () => {
  it('eks-kit --version says so', async () => {
    const { stdout } = await run(process.execPath, [path.join(dist, 'cli/index.js'), '--version']);
    expect(stdout).toBe(`${BUMPED}\n`);
  });

  it("lint's SARIF names it, from the action and from the CLI", async () => {
    const workspace = makeWorkspace({ Dockerfile: 'FROM debian\nRUN apt-get install -y curl\n' });
    const action = await runBundle('lint', { dist, workspace, inputs: { format: 'sarif', 'failure-threshold': 'none' } });
    expect(action.failure).toBeUndefined();
    const fromAction = JSON.parse(readFileSync(path.join(workspace, 'eks-kit-lint.sarif'), 'utf8')) as { runs: { tool: { driver: { semanticVersion: string } } }[] };
    expect(fromAction.runs[0]?.tool.driver.semanticVersion).toBe(BUMPED);
    const { stdout } = await run(process.execPath, [path.join(dist, 'cli/index.js'), 'lint', '--format', 'sarif', '-t', 'none'], { cwd: workspace });
    expect((JSON.parse(stdout) as typeof fromAction).runs[0]?.tool.driver.semanticVersion).toBe(BUMPED);
  });

  it("scan-gate's SARIF names it", async () => {
    const ecr = new ECRClient({ region: sandbox.region, endpoint: sandbox.endpoints.ecr, credentials: sandbox.credentials.user, maxAttempts: 1 });
    try {
      await ecr.send(new CreateRepositoryCommand({ repositoryName: 'version/app', imageScanningConfiguration: { scanOnPush: true } }));
      const auth = await ecr.send(new GetAuthorizationTokenCommand({}));
      await new RegistryPusher(sandbox.endpoints.registry, auth.authorizationData?.[0]?.authorizationToken ?? '').image('version/app', 'v1');
    } finally {
      ecr.destroy();
    }
    const workspace = makeWorkspace({ Dockerfile: 'FROM scratch\n' });
    const gate = await runBundle('scan-gate', { dist, workspace, inputs: { image: 'version/app:v1', 'sarif-file': 'scan.sarif', 'pr-comment': 'false', 'poll-interval': '1', timeout: '60' }, env: sandbox.env });
    expect(gate.failure).toBeUndefined();
    const sarif = JSON.parse(readFileSync(path.join(workspace, 'scan.sarif'), 'utf8')) as { runs: { tool: { driver: { version: string } } }[] };
    expect(sarif.runs[0]?.tool.driver.version).toBe(BUMPED);
  });

  it('AWS requests carry it in their user agent, from the action and from the CLI', async () => {
    userAgents = [];
    const endpoint = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}`;
    const env = { ...sandbox.env, AWS_ENDPOINT_URL_ECR: endpoint, AWS_MAX_ATTEMPTS: '1' };
    const workspace = makeWorkspace({});
    const gate = await runBundle('scan-gate', { dist, workspace, inputs: { image: 'version/app:v1', 'pr-comment': 'false', timeout: '5' }, env });
    expect(gate.failure).toMatch(/RepositoryNotFound|no such repository/);
    expect(userAgents.length).toBeGreaterThan(0);
    expect(userAgents.every((agent) => agent.includes(`app/eks-kit#${BUMPED}`))).toBe(true);
    userAgents = [];
    await run(process.execPath, [path.join(dist, 'cli/index.js'), 'scan-gate', 'version/app:v1', '--timeout', '5'], { cwd: workspace, env: { PATH: process.env.PATH, ...env } }).catch(() => undefined);
    expect(userAgents.length).toBeGreaterThan(0);
    expect(userAgents.every((agent) => agent.includes(`app/eks-kit#${BUMPED}`))).toBe(true);
  });
});
