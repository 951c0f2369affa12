/**
 * build-push on the local engine (the sandbox's dockerd: vfs, no bridge) against the sandbox ECR.
 * `npx tsx bench/build-push.ts` (after `npm run package`) prints a Markdown section: a cold build
 * vs a rebuild of an unchanged context vs a rebuild after a one-file change, the action's own
 * overhead and its ECR API calls, and the hand-written equivalent of the peers' login step.
 */
import { BatchGetImageCommand, CreateRepositoryCommand, ECRClient } from '@aws-sdk/client-ecr';
import { startSandbox, type Sandbox } from '@eks-kit/sandbox';
import { execFileSync } from 'node:child_process';
import { ProcessRunner } from '@eks-kit/core';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot, runBundle } from '../test/harness/run-bundle.js';
import { gitWorkspace, removeFixtures } from '../test/build-push/fixtures.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TAG = 'bench';
// A base layer of busybox, a 16 MiB layer made by RUN, and one small source file on top.
const DOCKERFILE = [
  'FROM scratch',
  'COPY busybox /bin/busybox',
  'RUN ["/bin/busybox", "sh", "-c", "/bin/busybox mkdir -p /data && /bin/busybox dd if=/dev/urandom of=/data/blob bs=1048576 count=16 2>/dev/null"]',
  'COPY app.txt /app/app.txt',
  'CMD ["/bin/busybox", "cat", "/app/app.txt"]',
  '',
].join('\n');

interface Run {
  wallMs: number;
  buildMs: number;
  pushMs: number;
  overheadMs: number;
  apiCalls: number;
  layers: string[];
  newLayers: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function layersOf(ecr: ECRClient, repository: string): Promise<string[]> {
  const answer = await ecr.send(new BatchGetImageCommand({ repositoryName: repository, imageIds: [{ imageTag: TAG }] }));
  const manifest = JSON.parse(answer.images?.[0]?.imageManifest ?? '{"layers":[]}') as { layers: { digest: string }[] };
  return manifest.layers.map((l) => l.digest);
}

async function buildPush(sandbox: Sandbox, ecr: ECRClient, repository: string, workspace: string, sha: string, env: NodeJS.ProcessEnv, previous: string[]): Promise<Run> {
  const started = Date.now();
  const run = await runBundle('build-push', {
    workspace,
    inputs: { repository, driver: 'docker', network: 'none', 'tag-branch': 'false', 'tag-sha': 'none', tags: TAG, 'create-repository': 'false' },
    env: { ...sandbox.env, ...env, GITHUB_SHA: sha, GITHUB_REF: 'refs/heads/main' },
    timeoutMs: 600_000,
  });
  const wallMs = Date.now() - started;
  if (process.env.BENCH_VERBOSE) console.error(run.stdout);
  const line = /Pushed \S+ as .* \(build (\d+) ms, push (\d+) ms, (\d+) ECR API calls\)/.exec(run.stdout);
  if (run.exitCode !== 0 || !line) throw new Error(`build-push failed: ${run.failure ?? ''}\n${run.stdout.slice(-2000)}${run.stderr.slice(-1000)}`);
  const buildMs = Number(line[1]);
  const pushMs = Number(line[2]);
  const layers = await layersOf(ecr, repository);
  return { wallMs, buildMs, pushMs, overheadMs: wallMs - buildMs - pushMs, apiCalls: Number(line[3]), layers, newLayers: layers.filter((l) => !previous.includes(l)).length };
}

/** The peers' login step done by hand: `aws ecr get-login-password | docker login --password-stdin`. Async: the sandbox serves from this process. */
async function handLogin(sandbox: Sandbox, env: NodeJS.ProcessEnv): Promise<number> {
  const runner = new ProcessRunner();
  const all = { ...process.env, ...sandbox.env, ...env };
  const started = Date.now();
  const password = await runner.run('aws', ['ecr', 'get-login-password', '--region', sandbox.region], { env: all });
  await runner.run('docker', ['login', '--username', 'AWS', '--password-stdin', sandbox.endpoints.registryHost], { env: all, input: password.stdout.trim() });
  return Date.now() - started;
}

function commit(workspace: string, content: string): string {
  writeFileSync(path.join(workspace, 'app.txt'), content);
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: workspace, encoding: 'utf8' }).trim();
  git('commit', '-q', '-am', content);
  return git('rev-parse', 'HEAD');
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  if (!existsSync(path.join(repoRoot, 'dist/build-push/index.js'))) throw new Error('dist/build-push/index.js is missing: run `npm run package` first');
  const sandbox = await startSandbox({ docker: true, scanDelayMs: 0 });
  const ecr = new ECRClient({ region: sandbox.region, endpoint: sandbox.endpoints.ecr, maxAttempts: 1, credentials: { accessKeyId: sandbox.credentials.user.accessKeyId, secretAccessKey: sandbox.credentials.user.secretAccessKey } });
  const env = { DOCKER_CONFIG: mkdtempSync(path.join(tmpdir(), 'eks-kit-bench-docker-')) };
  const runner = new ProcessRunner();
  const docker = async (...args: string[]) => (await runner.run('docker', args, { env: { ...process.env, ...sandbox.env, ...env } })).stdout;
  const rounds: { cold: Run; unchanged: Run; changed: Run }[] = [];
  const logins: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      // Cold: an engine with no images and no build cache.
      const images = (await docker('images', '--all', '--quiet')).split('\n').filter(Boolean);
      if (images.length > 0) await docker('rmi', '--force', ...new Set(images));
      const { workspace, sha } = gitWorkspace();
      writeFileSync(path.join(workspace, 'Dockerfile'), DOCKERFILE);
      writeFileSync(path.join(workspace, 'app.txt'), `round ${round}\n`);
      const base = commit(workspace, `round ${round} start`) || sha;
      // A new, empty repository per round (mutable: the rounds push one tag again), created up front
      // so every run is a steady-state push, and nothing from an earlier round can seed the cache.
      const repository = `bench/app-${round}`;
      await ecr.send(new CreateRepositoryCommand({ repositoryName: repository, imageTagMutability: 'MUTABLE' }));
      const cold = await buildPush(sandbox, ecr, repository, workspace, base, env, []);
      const unchanged = await buildPush(sandbox, ecr, repository, workspace, base, env, cold.layers);
      const changedSha = commit(workspace, `round ${round} changed`);
      const changed = await buildPush(sandbox, ecr, repository, workspace, changedSha, env, unchanged.layers);
      rounds.push({ cold, unchanged, changed });
      logins.push(await handLogin(sandbox, env));
    }
  } finally {
    ecr.destroy();
    await sandbox.stop();
    removeFixtures();
    rmSync(env.DOCKER_CONFIG, { recursive: true, force: true });
  }

  const pick = (kind: 'cold' | 'unchanged' | 'changed', field: keyof Omit<Run, 'layers'>) => median(rounds.map((r) => r[kind][field]));
  const coldWall = pick('cold', 'wallMs');
  const rows = (['cold', 'unchanged', 'changed'] as const).map((kind) => {
    const label = { cold: 'cold (empty engine)', unchanged: 'rebuild, unchanged context', changed: 'rebuild, one file changed' }[kind];
    return `| ${label} | ${seconds(pick(kind, 'wallMs'))} | ${Math.round((100 * pick(kind, 'wallMs')) / coldWall)}% | ${seconds(pick(kind, 'buildMs'))} | ${seconds(pick(kind, 'pushMs'))} | ${seconds(pick(kind, 'overheadMs'))} | ${pick(kind, 'apiCalls')} | ${pick(kind, 'newLayers')} |`;
  });
  const unchangedShare = pick('unchanged', 'wallMs') / coldWall;
  const worstOverhead = Math.max(...rounds.flatMap((r) => [r.cold, r.unchanged, r.changed].map((x) => x.overheadMs)));
  const maxCalls = Math.max(...rounds.flatMap((r) => [r.cold, r.unchanged, r.changed].map((x) => x.apiCalls)));
  console.log(
    [
      '## build-push',
      '',
      `The action bundle (\`dist/build-push/index.js\`, docker driver) on the sandbox's dockerd (vfs storage, no bridge) pushing to the sandbox ECR; median of ${ROUNDS} rounds. The image: busybox, a 16 MiB layer made by \`RUN\`, one source file. "Overhead" is the step's wall time minus build and push: Node start-up, input checks, driver detection, ECR calls, login, digest and size look-ups. "New layers" counts layer digests of the pushed manifest that the previous image did not have.`,
      '',
      '| run | wall | of cold | build | push | overhead | ECR API calls | new layers |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      ...rows,
      '',
      `- Unchanged rebuild: ${Math.round(unchangedShare * 100)}% of the cold time (target under 30%): ${unchangedShare < 0.3 ? 'met' : 'NOT met'}; new layers pushed: ${pick('unchanged', 'newLayers')} (target 0).`,
      `- Overhead: worst ${seconds(worstOverhead)} over all runs (target under 1 s): ${worstOverhead < 1000 ? 'met' : 'NOT met'}; ECR API calls at most ${maxCalls} (target 4 or fewer): ${maxCalls <= 4 ? 'met' : 'NOT met'}. These runs push to a mutable repository (GetAuthorizationToken, DescribeRepositories, DescribeImages for the size); an immutable one adds BatchGetImage for the tag check (4), and creating a missing repository adds CreateRepository and PutLifecyclePolicy once.`,
      `- The peers' login step by hand (\`aws ecr get-login-password | docker login --password-stdin\`, what amazon-ecr-login does before a separate build action): median ${seconds(median(logins))} for the login alone, 1 ECR API call, no repository or tag check. The peer actions themselves (aws-actions/amazon-ecr-login, docker/build-push-action) were not run here: they need buildx and a network, neither of which this machine has; each would add its own Node start-up.`,
      '',
    ].join('\n'),
  );
}

await main();
