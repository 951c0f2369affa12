import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DescribeImagesCommand, ECRClient, GetLifecyclePolicyCommand, DescribeRepositoriesCommand } from '@aws-sdk/client-ecr';
import { startSandbox, type Sandbox } from '@eks-kit/sandbox';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runBundle, type BundleRun } from './harness/run-bundle.js';
import { argvRecorder, buildahEnv, busyboxWorkspace, gitWorkspace, removeFixtures } from './build-push/fixtures.js';

// Real builders (a private dockerd with vfs and no bridge, and buildah) pushing to the real registry
// behind the ECR emulator. Builds take seconds on vfs: one sandbox for the file, generous timeouts.

let sandbox: Sandbox;
let ecr: ECRClient;
let dockerConfig: string;
let recorder: { bin: string; log: string };
const REPO = 'eks-kit/demo'; // immutable, scan on push

beforeAll(async () => {
  sandbox = await startSandbox({ docker: true, scanDelayMs: 0 });
  ecr = new ECRClient({ region: sandbox.region, endpoint: sandbox.endpoints.ecr, maxAttempts: 1, credentials: { accessKeyId: sandbox.credentials.user.accessKeyId, secretAccessKey: sandbox.credentials.user.secretAccessKey } });
  dockerConfig = mkdtempSync(path.join(tmpdir(), 'eks-kit-bp-docker-'));
  recorder = argvRecorder();
}, 120_000);

afterAll(async () => {
  ecr?.destroy();
  await sandbox?.stop();
  removeFixtures();
  rmSync(dockerConfig, { recursive: true, force: true });
});

let sequence = 0;
/** A fresh commit SHA per run, so each test has its own tags. */
function nextSha(): string {
  sequence += 1;
  return `${String(sequence).padStart(2, '0')}${'ab'.repeat(19)}`;
}

function dockerEnv(): NodeJS.ProcessEnv {
  return { ...sandbox.env, DOCKER_CONFIG: dockerConfig, PATH: `${recorder.bin}:${process.env.PATH ?? ''}` };
}

async function buildPush(inputs: Record<string, string>, options: { workspace?: string; env?: NodeJS.ProcessEnv; sha?: string } = {}): Promise<BundleRun & { workspace: string }> {
  const workspace = options.workspace ?? busyboxWorkspace();
  const run = await runBundle('build-push', {
    workspace,
    inputs: { repository: REPO, network: 'none', 'tag-branch': 'false', ...inputs },
    env: { GITHUB_SHA: options.sha ?? nextSha(), GITHUB_REF: 'refs/heads/main', ...dockerEnv(), ...options.env },
    timeoutMs: 200_000,
  });
  return { ...run, workspace };
}

async function describeDigest(repositoryName: string, imageTag: string): Promise<string | undefined> {
  const answer = await ecr.send(new DescribeImagesCommand({ repositoryName, imageIds: [{ imageTag }] }));
  return answer.imageDetails?.[0]?.imageDigest;
}

function failureOf(run: BundleRun): string {
  return run.failure ?? `(no failure line) exit ${run.exitCode}\n${run.stdout.slice(-3000)}\n${run.stderr.slice(-2000)}`;
}

describe('build-push bundle with the docker driver', () => {
  it('builds, pushes, outputs the digest DescribeImages reports, and the post step logs out', async () => {
    const sha = nextSha();
    const run = await buildPush({ driver: 'auto', tags: 'extra-1' }, { sha });
    expect(failureOf(run)).toBe(`(no failure line) exit 0\n${run.stdout.slice(-3000)}\n${run.stderr.slice(-2000)}`);
    const short = sha.slice(0, 7);
    expect(run.outputs.registry).toBe(sandbox.endpoints.registryHost);
    expect(run.outputs['repository-uri']).toBe(`${sandbox.endpoints.registryHost}/${REPO}`);
    expect(run.outputs.tags).toBe(`${short},extra-1`);
    expect(run.outputs.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(run.outputs.image).toBe(`${sandbox.endpoints.registryHost}/${REPO}@${run.outputs.digest}`);
    expect(await describeDigest(REPO, short)).toBe(run.outputs.digest);
    expect(await describeDigest(REPO, 'extra-1')).toBe(run.outputs.digest);
    expect(run.summary).toContain(run.outputs.digest);
    expect(run.summary).toMatch(/Build time/);
    expect(run.summary).toMatch(/\d+\.\d MiB/);
    expect(run.stdout).toContain('Driver: docker');
    const labels = JSON.parse(execFileSync('docker', ['image', 'inspect', '--format', '{{json .Config.Labels}}', `${run.outputs['repository-uri']}:${short}`], { env: { ...process.env, ...dockerEnv() }, encoding: 'utf8' })) as Record<string, string>;
    expect(labels).toMatchObject({ 'org.opencontainers.image.revision': sha, 'org.opencontainers.image.source': 'https://github.com/acme/shop', 'org.opencontainers.image.version': 'main', 'org.opencontainers.image.title': 'shop' });

    const config = path.join(dockerConfig, 'config.json');
    expect(JSON.parse(readFileSync(config, 'utf8')).auths?.[sandbox.endpoints.registryHost]).toBeDefined();
    const post = await runBundle('build-push', { entry: 'post.js', workspace: run.workspace, state: run.state, env: dockerEnv() });
    expect(post.exitCode).toBe(0);
    expect(post.stdout).toContain(`Logged out of ${sandbox.endpoints.registryHost} (docker)`);
    expect(JSON.parse(readFileSync(config, 'utf8')).auths?.[sandbox.endpoints.registryHost]).toBeUndefined();
  });
});

/** Every argv the shims recorded since `from` (a byte offset of the log). */
function argvSince(from: number): string[][] {
  return readFileSync(recorder.log, 'utf8')
    .slice(from)
    .split('\n')
    .filter(Boolean)
    .map((record) => record.split('\0').filter((part, index, all) => index < all.length - 1 || part !== ''));
}

function logSize(): number {
  return readFileSync(recorder.log, 'utf8').length;
}

describe('a failed build', () => {
  it('fails with one clear line, and the post step still logs out from the saved state', async () => {
    const workspace = busyboxWorkspace({ Dockerfile: 'FROM scratch\nCOPY not-there.txt /x\n' });
    const run = await buildPush({ driver: 'docker' }, { workspace });
    expect(run.exitCode).toBe(1);
    expect(run.failure).toMatch(/^docker exited with 1: .*not-there\.txt/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.state['build-push-login']).toBe(JSON.stringify({ program: 'docker', host: sandbox.endpoints.registryHost }));
    const post = await runBundle('build-push', { entry: 'post.js', workspace, state: run.state, env: dockerEnv() });
    expect(post.stdout).toContain(`Logged out of ${sandbox.endpoints.registryHost} (docker)`);
  });

  it('with logout: false nothing is saved and the post step leaves the login alone', async () => {
    const run = await buildPush({ logout: 'false' });
    expect(failureOf(run)).toContain('(no failure line) exit 0');
    expect(run.state).toEqual({});
    const post = await runBundle('build-push', { entry: 'post.js', workspace: run.workspace, state: run.state, env: dockerEnv() });
    expect(post.stdout).toContain('Nothing to log out of.');
    expect(JSON.parse(readFileSync(path.join(dockerConfig, 'config.json'), 'utf8')).auths?.[sandbox.endpoints.registryHost]).toBeDefined();
    await runBundle('build-push', { entry: 'post.js', workspace: run.workspace, state: { 'build-push-login': JSON.stringify({ program: 'docker', host: sandbox.endpoints.registryHost }) }, env: dockerEnv() });
  });
});

describe('build-push bundle with the buildah driver', () => {
  it('builds with buildah, pushes with --digestfile, DescribeImages agrees, and the post step logs out', async () => {
    const storage = buildahEnv();
    const env = { ...storage, DOCKER_HOST: 'unix:///nonexistent.sock' };
    const sha = nextSha();
    const run = await buildPush({ driver: 'buildah' }, { sha, env });
    expect(failureOf(run)).toContain('(no failure line) exit 0');
    expect(run.stdout).toContain('Driver: buildah');
    expect(await describeDigest(REPO, sha.slice(0, 7))).toBe(run.outputs.digest);
    const auth = () => JSON.parse(readFileSync(storage.REGISTRY_AUTH_FILE ?? '', 'utf8')) as { auths?: Record<string, unknown> };
    expect(auth().auths?.[sandbox.endpoints.registryHost]).toBeDefined();
    const post = await runBundle('build-push', { entry: 'post.js', workspace: run.workspace, state: run.state, env: { ...dockerEnv(), ...env } });
    expect(post.stdout).toContain(`Logged out of ${sandbox.endpoints.registryHost} (buildah)`);
    expect(auth().auths?.[sandbox.endpoints.registryHost]).toBeUndefined();
  });

  it('hands a build secret to RUN --mount from a file; the value is in no argv and no log', async () => {
    const value = 's3cr3t-value-for-the-build';
    const workspace = busyboxWorkspace({
      token: value,
      // The RUN fails unless the secret is mounted, non-empty, and gone from the image afterwards.
      Dockerfile: 'FROM scratch\nCOPY busybox /bin/busybox\nRUN --mount=type=secret,id=token ["/bin/busybox", "test", "-s", "/run/secrets/token"]\nRUN ["/bin/busybox", "test", "!", "-e", "/run/secrets/token"]\n',
    });
    const from = logSize();
    const run = await buildPush({ driver: 'buildah', secrets: 'id=token,src=token' }, { workspace, env: buildahEnv() });
    expect(failureOf(run)).toContain('(no failure line) exit 0');
    const bud = argvSince(from).find((args) => args[0] === 'buildah' && args[1] === 'bud');
    expect(bud).toContain(`id=token,src=${path.join(workspace, 'token')}`);
    expect(bud?.some((arg) => arg.includes(value))).toBe(false);
    for (const text of [run.stdout, run.stderr, run.summary]) expect(text).not.toContain(value);
  });

  it('picks buildah by itself when no Docker daemon answers', async () => {
    const env = { ...buildahEnv(), DOCKER_HOST: 'unix:///nonexistent.sock' };
    const run = await buildPush({}, { env });
    expect(failureOf(run)).toContain('(no failure line) exit 0');
    expect(run.stdout).toContain('Driver: buildah');
  });
});

describe('secrets', () => {
  it('the ECR password is in no byte printed, no argv run, no output, state or summary; only in the mask command', async () => {
    const password = sandbox.registryCredentials.password;
    const token = Buffer.from(`AWS:${password}`).toString('base64');
    for (const [driver, env] of [['docker', {}], ['buildah', buildahEnv()]] as const) {
      const from = logSize();
      const run = await buildPush({ driver }, { env });
      expect(failureOf(run)).toContain('(no failure line) exit 0');
      const post = await runBundle('build-push', { entry: 'post.js', workspace: run.workspace, state: run.state, env: { ...dockerEnv(), ...env } });
      const argv = argvSince(from);
      expect(argv.some((args) => args[1] === 'login' && args.includes('--password-stdin'))).toBe(true);
      expect(argv.some((args) => args[1] === 'logout')).toBe(true);
      for (const secret of [password, token]) {
        expect(argv.flat().filter((arg) => arg.includes(secret))).toEqual([]);
        for (const text of [run.stderr, post.stdout, post.stderr, run.summary, JSON.stringify(run.outputs), JSON.stringify(run.state)]) expect(text).not.toContain(secret);
        // The runner learns what to mask from ::add-mask:: and never shows it; nothing else may carry it.
        const lines = run.stdout.split('\n').filter((line) => line.includes(secret));
        expect(lines).toEqual([`::add-mask::${secret}`]);
        const masked = run.stdout.indexOf(`::add-mask::${secret}`);
        expect(masked).toBeLessThan(run.stdout.indexOf('Driver:'));
      }
    }
  });
});

describe('faults', () => {
  it('GetAuthorizationToken throttled twice, then fine: succeeds after two bounded retries and says so', async () => {
    sandbox.faults.ecr.inject({ kind: 'throttle', match: ['ecr:GetAuthorizationToken'], count: 2 });
    const run = await buildPush({});
    expect(failureOf(run)).toContain('(no failure line) exit 0');
    const retries = run.commands.filter((c) => c.command === 'warning' && c.message.includes('GetAuthorizationToken answered ThrottlingException'));
    expect(retries.map((c) => c.message.replace(/\d+ ms/, 'N ms'))).toEqual([
      'ECR GetAuthorizationToken answered ThrottlingException; retrying in N ms (attempt 2 of 5)',
      'ECR GetAuthorizationToken answered ThrottlingException; retrying in N ms (attempt 3 of 5)',
    ]);
    expect(run.summary).toMatch(/ECR API calls, 2 retried/);
  });

  it('the registry refuses the first manifest push: the push is retried once and succeeds', async () => {
    sandbox.faults.registry.inject({ kind: 'server-error', match: ['registry:PUT manifests'], count: 1 });
    const sha = nextSha();
    const run = await buildPush({}, { sha });
    expect(failureOf(run)).toContain('(no failure line) exit 0');
    const retries = run.commands.filter((c) => c.command === 'warning' && c.message.startsWith('Push of '));
    expect(retries).toHaveLength(1);
    expect(retries[0]?.message).toMatch(/retrying in \d+ ms \(attempt 2 of 3\)/);
    expect(run.summary).toContain('The push was retried 1 time');
    expect(await describeDigest(REPO, sha.slice(0, 7))).toBe(run.outputs.digest);
  });
});

describe('nothing runs after a final error', () => {
  // GetAuthorizationToken hangs and then drops, as a slow endpoint does, while the repository look-up
  // beside it fails for good: the run must end there, without "retrying" and without another call.
  const hangingLogin = () => sandbox.faults.ecr.inject({ kind: 'reset', match: ['ecr:GetAuthorizationToken'], count: 5, delayMs: 1_500 });
  const cases: [string, () => { inputs?: Record<string, string>; env?: NodeJS.ProcessEnv }, RegExp][] = [
    ['a missing repository', () => (hangingLogin(), { inputs: { repository: 'team/absent' } }), /^repository: "team\/absent" does not exist/],
    [
      'AccessDenied',
      () => (hangingLogin(), { env: { AWS_ACCESS_KEY_ID: sandbox.credentials.noEcrReadUser.accessKeyId, AWS_SECRET_ACCESS_KEY: sandbox.credentials.noEcrReadUser.secretAccessKey } }),
      /^ECR DescribeRepositories failed: AccessDeniedException: User: .* is not authorized to perform: ecr:DescribeRepositories/,
    ],
    [
      'an expired token',
      () => {
        const role = sandbox.credentials.expiredRole;
        return { env: { AWS_ACCESS_KEY_ID: role.accessKeyId, AWS_SECRET_ACCESS_KEY: role.secretAccessKey, AWS_SESSION_TOKEN: role.sessionToken ?? '' } };
      },
      /^ECR (GetAuthorizationToken|DescribeRepositories) failed: ExpiredTokenException: The security token included in the request is expired$/,
    ],
  ];
  it.each(cases)('%s: one clear line, no retry, no call after it', async (_name, setup, failure) => {
    const seenBefore = sandbox.faults.ecr.seen.length;
    const from = logSize();
    const { inputs, env } = setup();
    const run = await buildPush(inputs ?? {}, { env: env ?? {} });
    sandbox.faults.ecr.clear();
    expect(run.exitCode).toBe(1);
    expect(run.failure).toMatch(failure);
    expect(run.stdout + run.stderr).not.toMatch(/retrying/);
    expect(sandbox.faults.ecr.seen.slice(seenBefore).sort()).toEqual(['ecr:DescribeRepositories', 'ecr:GetAuthorizationToken']);
    expect(argvSince(from).some((args) => args[1] === 'build' || args[1] === 'login')).toBe(false);
  });

  it('a DNS failure is final at once, not retried', async () => {
    const run = await buildPush({}, { env: { AWS_ENDPOINT_URL_ECR: 'http://ecr.eks-kit-sandbox.invalid:9' } });
    expect(run.exitCode).toBe(1);
    expect(run.failure).toMatch(/^ECR (GetAuthorizationToken|DescribeRepositories) failed: (ENOTFOUND|EAI_AGAIN)/);
    expect(run.stdout + run.stderr).not.toMatch(/retrying/);
  });
});

describe('immutable tags', () => {
  it('fails before building when a tag exists (naming it); with on-conflict: skip, the existing tag is kept and nothing is built', async () => {
    const { workspace, sha } = gitWorkspace();
    const first = await buildPush({}, { sha, workspace });
    expect(failureOf(first)).toContain('(no failure line) exit 0');

    const from = logSize();
    const again = await buildPush({}, { sha, workspace });
    expect(again.exitCode).toBe(1);
    expect(again.failure).toContain(`tag "${sha.slice(0, 7)}" (${first.outputs.digest}) already exists in ${REPO}`);
    expect(argvSince(from).some((args) => args[1] === 'build')).toBe(false);

    // A changed workspace under the same commit: skip is decided before the build, not after it.
    writeFileSync(path.join(workspace, 'app.txt'), 'changed\n');
    const skipFrom = logSize();
    const skipped = await buildPush({ 'on-conflict': 'skip' }, { sha, workspace });
    expect(failureOf(skipped)).toContain('(no failure line) exit 0');
    expect(skipped.outputs.digest).toBe(first.outputs.digest);
    expect(skipped.stdout).toContain(`Tag ${sha.slice(0, 7)} already exists in ${REPO}; kept as it is, not pushed.`);
    expect(skipped.summary).toContain('nothing was built or pushed');
    expect(argvSince(skipFrom).some((args) => args[1] === 'build' || args[1] === 'login')).toBe(false);
  });
});

describe('the defaults survive the second push', () => {
  // A repository created with the defaults, pushed to with the default tags, again and again.
  const defaults = (repository: string) => ({ repository, 'create-repository': 'true', 'tag-branch': 'true' });

  it('the next commits on main: each push succeeds and main moves to it; the cache tag moves too', async () => {
    const repository = 'team/second-push';
    const digests: string[] = [];
    for (const content of ['one', 'two', 'three']) {
      const workspace = busyboxWorkspace({ 'app.txt': `${content}\n` });
      const run = await buildPush({ ...defaults(repository), tags: 'buildcache' }, { workspace });
      expect(failureOf(run)).toContain('(no failure line) exit 0');
      expect(run.outputs.tags?.split(',')).toEqual(expect.arrayContaining(['main', 'buildcache']));
      digests.push(run.outputs.digest ?? '');
    }
    expect(new Set(digests).size).toBe(3);
    expect(await describeDigest(repository, 'main')).toBe(digests[2]);
    expect(await describeDigest(repository, 'buildcache')).toBe(digests[2]);
    const { repositories } = await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: [repository] }));
    expect(repositories?.[0]?.imageTagMutability).toBe('IMMUTABLE_WITH_EXCLUSION');
    expect(repositories?.[0]?.imageTagMutabilityExclusionFilters?.map((f) => f.filter)).toEqual(['buildcache', 'main', 'pr-*']);
  });

  it('the next patch release: 1.4.1 after 1.4.0 is pushed; the aliases 1.4 and 1 are not (said before the build)', async () => {
    const repository = 'team/releases';
    const pushed: string[] = [];
    for (const version of ['1.4.0', '1.4.1']) {
      const run = await buildPush(defaults(repository), { workspace: busyboxWorkspace({ 'app.txt': `${version}\n` }), env: { GITHUB_REF: `refs/tags/v${version}` } });
      expect(failureOf(run)).toContain('(no failure line) exit 0');
      expect(run.outputs.tags?.split(',')).toContain(version);
      expect(run.outputs.tags?.split(',')).not.toContain('1.4');
      expect(run.summary).toContain('| Not pushed | `1.4`, `1`: these tags move with every push and the repository keeps them immutable |');
      pushed.push(run.outputs.digest ?? '');
    }
    expect(await describeDigest(repository, '1.4.0')).toBe(pushed[0]);
    expect(await describeDigest(repository, '1.4.1')).toBe(pushed[1]);
  });
});

describe('repositories', () => {
  it('creates a missing repository when asked: immutable with a mutable cache tag, scan on push, KMS, lifecycle policy with the untagged rule', async () => {
    const policy = JSON.stringify({ rules: [{ rulePriority: 1, description: 'keep 50 release images', selection: { tagStatus: 'tagged', tagPrefixList: ['v'], countType: 'imageCountMoreThan', countNumber: 50 }, action: { type: 'expire' } }] });
    const run = await buildPush({ repository: 'team/new-api', 'create-repository': 'true', encryption: 'KMS', 'lifecycle-policy': policy });
    expect(failureOf(run)).toContain('(no failure line) exit 0');
    expect(run.summary).toContain('The repository was created by this run.');
    const { repositories } = await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['team/new-api'] }));
    expect(repositories?.[0]).toMatchObject({
      imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
      // tag-branch is off in these tests: the cache tag and the pull-request tags stay mutable.
      imageTagMutabilityExclusionFilters: [{ filterType: 'WILDCARD', filter: 'buildcache' }, { filterType: 'WILDCARD', filter: 'pr-*' }],
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: { encryptionType: 'KMS' },
    });
    const lifecycle = await ecr.send(new GetLifecyclePolicyCommand({ repositoryName: 'team/new-api' }));
    const rules = (JSON.parse(lifecycle.lifecyclePolicyText ?? '{}') as { rules: { rulePriority: number; selection: { tagStatus: string } }[] }).rules;
    expect(rules.map((r) => [r.rulePriority, r.selection.tagStatus])).toEqual([[1, 'tagged'], [2, 'untagged']]);
  });

  it('a missing repository without create-repository fails with a clear line and no build', async () => {
    const from = logSize();
    const run = await buildPush({ repository: 'team/missing' });
    expect(run.exitCode).toBe(1);
    expect(run.failure).toBe(`repository: "team/missing" does not exist in the credentials' registry in ${sandbox.region}; create it, or turn on create-repository to create it on first push`);
    expect(argvSince(from).some((args) => args[1] === 'build' || args[1] === 'login')).toBe(false);
  });
});

describe('bad input fails before anything runs, naming the input', () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    ['unknown driver', { driver: 'kaniko' }, /^driver: "kaniko" is not a driver; expected auto, buildx, docker, buildah$/],
    ['missing Dockerfile', { file: 'docker/Dockerfile.prod' }, /^file: no Dockerfile at "docker\/Dockerfile.prod"$/],
    ['malformed tag', { tags: 'ok-tag, -bad' }, /^tags: "-bad" is not a valid tag/],
    ['malformed label', { labels: 'no-equals-sign' }, /^labels: "no-equals-sign" is not a label/],
    ['invalid region', { region: 'mars-1' }, /^region: "mars-1" is not an AWS region/],
    ['secret value instead of a reference', { secrets: 'id=npm,value=hunter2' }, /^secrets: "id=npm,value=hunter2" is not a secret reference/],
    ['missing secret file', { secrets: 'id=npm,src=.npmrc', driver: 'buildah' }, /^secrets: secret "npm": no file at "\.npmrc"$/],
    ['a secret for the classic docker builder', { secrets: 'id=npm,env=NPM_TOKEN', driver: 'docker' }, /^secrets: the classic docker builder has no build secrets/],
    ['more than 5 tag exclusion filters', { 'create-repository': 'true', 'mutable-tags': 'buildcache,a,b,c,d' }, /^mutable-tags: 6 tag exclusion filters .*; ECR allows at most 5 per repository$/],
  ];
  it.each(cases)('%s', async (_name, inputs, message) => {
    const from = logSize();
    const calls = sandbox.faults.ecr.seen.length;
    const run = await buildPush(inputs, { env: { AWS_REGION: sandbox.region } });
    expect(run.exitCode).toBe(1);
    expect(run.failure).toMatch(message);
    expect(argvSince(from).filter((args) => args[0] !== 'git')).toEqual([]);
    expect(sandbox.faults.ecr.seen.slice(calls)).toEqual([]);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
