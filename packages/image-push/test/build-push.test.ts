import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CommandError, MemoryLogger, type CommandRunner, type RunOptions, type RunResult } from '@eks-kit/core';
import { buildAndPush, type BuildEcrClient, type BuildEcrCommand, type BuildPushRequest } from '../src/index.js';
import { awsError, FakeClock } from '@eks-kit/core/testing';

const PASSWORD = 'ecr-password-from-the-token';
const TOKEN = Buffer.from(`AWS:${PASSWORD}`).toString('base64');
const HOST = '111122223333.dkr.ecr.eu-west-1.amazonaws.com';
const URI = `${HOST}/shop/api`;
const DIGEST = `sha256:${'d'.repeat(64)}`;
const IMAGE_ID = `sha256:${'c'.repeat(64)}`;

interface Call {
  command: string;
  args: readonly string[];
  options: RunOptions;
}

/** Plays docker: records every call, writes the --iidfile, knows the pushed digest. */
class FakeDocker implements CommandRunner {
  readonly calls: Call[] = [];
  failPushes = 0;
  constructor(private readonly hasBuildx = false) {}
  async run(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    this.calls.push({ command, args, options });
    const ok = (stdout = ''): RunResult => ({ exitCode: 0, stdout, stderr: '' });
    if (args[0] === 'buildx' && args[1] === 'build') {
      // What buildx writes with --metadata-file after pushing.
      const metadata = args[args.indexOf('--metadata-file') + 1] ?? '';
      writeFileSync(metadata, JSON.stringify({ 'containerimage.digest': DIGEST, 'containerimage.config.digest': IMAGE_ID, 'buildx.build.ref': 'builder/builder0/abc' }));
      return ok();
    }
    if (args[0] === 'buildx') return this.hasBuildx ? ok('github.com/docker/buildx v0.20.0') : { exitCode: 1, stdout: '', stderr: 'unknown command' };
    if (args[0] === 'build') {
      const iid = args[args.indexOf('--iidfile') + 1] ?? '';
      writeFileSync(iid, IMAGE_ID);
      return ok();
    }
    if (args[0] === 'push' && this.failPushes > 0) {
      this.failPushes -= 1;
      throw new CommandError('docker', 1, 'received unexpected HTTP status: 503 Service Unavailable');
    }
    if (args[0] === 'image' && args.includes('{{.Id}}')) return { exitCode: 1, stdout: '', stderr: 'No such image' };
    if (args[0] === 'image') return ok(JSON.stringify([`${URI}@${DIGEST}`]));
    if (args[0] === 'pull') return { exitCode: 1, stdout: '', stderr: 'manifest unknown' };
    return ok('28.0.0');
  }
}

class FakeEcr implements BuildEcrClient {
  readonly sent: string[] = [];
  readonly inputs: Record<string, unknown>[] = [];
  mutability = 'IMMUTABLE';
  filters: string[] = [];
  existing: Record<string, { digest: string; config: string }> = {};
  throttleTokens = 0;
  async send(command: BuildEcrCommand): Promise<unknown> {
    const name = command.constructor.name.replace(/Command$/, '');
    this.sent.push(name);
    this.inputs.push(command.input as Record<string, unknown>);
    if (name === 'GetAuthorizationToken') {
      if (this.throttleTokens-- > 0) throw awsError('ThrottlingException');
      return { authorizationData: [{ authorizationToken: TOKEN, proxyEndpoint: `https://${HOST}` }] };
    }
    if (name === 'DescribeRepositories') {
      return { repositories: [{ repositoryName: 'shop/api', repositoryUri: URI, registryId: '111122223333', imageTagMutability: this.mutability, imageTagMutabilityExclusionFilters: this.filters.map((filter) => ({ filterType: 'WILDCARD', filter })) }] };
    }
    if (name === 'BatchGetImage') {
      const ids = (command.input as { imageIds: { imageTag: string }[] }).imageIds;
      return {
        images: ids.filter((id) => this.existing[id.imageTag]).map((id) => ({ imageId: { imageTag: id.imageTag, imageDigest: this.existing[id.imageTag]?.digest }, imageManifest: JSON.stringify({ config: { digest: this.existing[id.imageTag]?.config } }) })),
        failures: ids.filter((id) => !this.existing[id.imageTag]).map((id) => ({ imageId: id, failureCode: 'ImageNotFound' })),
      };
    }
    if (name === 'DescribeImages') return { imageDetails: [{ imageDigest: DIGEST, imageSizeInBytes: 1234567 }] };
    throw new Error(`unexpected ${name}`);
  }
}

function request(overrides: Partial<BuildPushRequest> = {}): BuildPushRequest {
  const dir = mkdtempSync(path.join(tmpdir(), 'eks-kit-bp-fake-'));
  return {
    region: 'eu-west-1', repository: 'shop/api', driver: 'auto', tags: ['0123456', 'main'], onConflict: 'fail', cacheFrom: 'auto', cacheRef: 'auto', workDir: dir,
    spec: { context: dir, file: path.join(dir, 'Dockerfile'), buildArgs: {}, secrets: [], labels: {}, platforms: [], provenance: 'false', pull: false },
    ...overrides,
  };
}

type FakeImage = { layers: { digest: string; size: number }[]; history: { created_by: string }[] };

/**
 * The registry's manifests and configs: `pushed` answers any digest (the image just pushed), the
 * other keys are tags; anything else is 404, like a tag never pushed.
 */
function fakeRegistry(images: Record<string, FakeImage>, events: string[]): typeof fetch {
  return (async (url: URL) => {
    const reference = /\/manifests\/(.+)$/.exec(url.pathname)?.[1];
    const key = reference?.startsWith('sha256:') ? 'pushed' : reference;
    const config = /\/blobs\/config-(.+)$/.exec(url.pathname)?.[1];
    if (key && images[key]) {
      events.push(`registry manifest ${key}`);
      return new Response(JSON.stringify({ mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { digest: `config-${key}` }, layers: images[key].layers }), { headers: { 'docker-content-digest': key === 'pushed' ? reference! : `sha256:previous-${key}` } });
    }
    if (config && images[config]) return new Response(JSON.stringify({ history: images[config].history }));
    return new Response('{}', { status: 404 });
  }) as typeof fetch;
}

const PUSHED: Record<string, FakeImage> = { pushed: { layers: [{ digest: 'sha256:base', size: 1000 }, { digest: 'sha256:app2', size: 5000 }], history: [{ created_by: 'ADD rootfs.tar /' }, { created_by: 'COPY app /app # buildkit' }] } };

async function run(options: { ecr?: FakeEcr; docker?: FakeDocker; request?: Partial<BuildPushRequest>; registry?: Parameters<typeof fakeRegistry>[0] } = {}) {
  const ecr = options.ecr ?? new FakeEcr();
  const docker = options.docker ?? new FakeDocker();
  const logger = new MemoryLogger();
  const masked: string[] = [];
  const events: string[] = [];
  const logins: unknown[] = [];
  const clock = new FakeClock();
  const originalRun = docker.run.bind(docker);
  docker.run = (command, args, opts) => {
    events.push(`run ${args[0]}`);
    return originalRun(command, args, opts);
  };
  const result = await buildAndPush(request(options.request), {
    session: { client: ecr, clock, logger, stats: { calls: 0, retries: 0 } },
    runner: docker,
    mask: (secret) => {
      masked.push(secret);
      events.push('mask');
    },
    env: {},
    onLogin: (login) => logins.push(login),
    fetch: fakeRegistry(options.registry ?? PUSHED, events),
  }).catch((error: unknown) => error as Error);
  return { result, ecr, docker, logger, masked, events, logins, clock };
}

describe('buildAndPush with a fake engine and ECR', () => {
  it('reads the image the moving tag names before logging in, and reports the layer delta against it', async () => {
    const registry = { ...PUSHED, main: { layers: [{ digest: 'sha256:base', size: 1000 }, { digest: 'sha256:app1', size: 2000 }], history: PUSHED.pushed!.history } };
    const context = mkdtempSync(path.join(tmpdir(), 'eks-kit-bp-layers-'));
    writeFileSync(path.join(context, 'Dockerfile'), 'FROM scratch\nADD rootfs.tar /\nCOPY app /app\n');
    const spec = { ...request().spec, context, file: path.join(context, 'Dockerfile') };
    const ecr = Object.assign(new FakeEcr(), { mutability: 'IMMUTABLE_WITH_EXCLUSION', filters: ['main'] });
    const { result, events } = await run({ ecr, request: { movingTags: ['main'], spec }, registry });
    if (result instanceof Error) throw result;
    expect(events.indexOf('registry manifest main')).toBeLessThan(events.indexOf('run login'));
    expect(events.indexOf('registry manifest pushed')).toBeGreaterThan(events.indexOf('run login'));
    expect(result.layers).toMatchObject({ sizeBytes: 6000, deltaBytes: 3000, previous: { tag: 'main', digest: 'sha256:previous-main', sizeBytes: 3000 } });
    expect(result.layers?.rows.map((r) => [r.label, r.change, r.deltaBytes])).toEqual([
      ['Dockerfile:2 (ADD rootfs.tar /)', 'same', 0],
      ['Dockerfile:3 (COPY app /app)', 'changed', 3000],
    ]);
  });

  it('first push of the moving tag: layers listed, nothing compared, the reason given', async () => {
    const ecr = Object.assign(new FakeEcr(), { mutability: 'MUTABLE' });
    const { result } = await run({ ecr, request: { movingTags: ['main'] } });
    if (result instanceof Error) throw result;
    expect(result.layers).toMatchObject({ sizeBytes: 6000, noPrevious: 'first push of shop/api:main: no previous image to compare with' });
    expect(result.layers?.deltaBytes).toBeUndefined();
  });

  it('a pull request’s first push: compared with the base branch’s image, and says so', async () => {
    const registry = { ...PUSHED, main: { layers: [{ digest: 'sha256:base', size: 1000 }, { digest: 'sha256:app1', size: 2000 }], history: PUSHED.pushed!.history } };
    const ecr = Object.assign(new FakeEcr(), { mutability: 'MUTABLE' });
    const { result, events } = await run({ ecr, request: { tags: ['0123456', 'pr-7'], movingTags: ['pr-7'], baseBranchTag: 'main' }, registry });
    if (result instanceof Error) throw result;
    // The pull request's own tag is tried first; it names nothing yet.
    expect(events.indexOf('registry manifest pr-7')).toBeLessThan(events.indexOf('registry manifest main'));
    expect(result.layers).toMatchObject({ deltaBytes: 3000, previous: { tag: 'main', baseBranch: true, sizeBytes: 3000 } });
  });

  it('a pull request’s later push: compared with its own previous image, not the base branch’s', async () => {
    const history = PUSHED.pushed!.history;
    const registry = { ...PUSHED, main: { layers: [{ digest: 'sha256:base', size: 1000 }], history }, 'pr-7': { layers: [{ digest: 'sha256:base', size: 1000 }, { digest: 'sha256:app1', size: 4000 }], history } };
    const ecr = Object.assign(new FakeEcr(), { mutability: 'MUTABLE' });
    const { result } = await run({ ecr, request: { tags: ['0123456', 'pr-7'], movingTags: ['pr-7'], baseBranchTag: 'main' }, registry });
    if (result instanceof Error) throw result;
    expect(result.layers?.previous).toMatchObject({ tag: 'pr-7', sizeBytes: 5000 });
    expect(result.layers?.previous?.baseBranch).toBeUndefined();
  });

  it('a pull request’s first push before the base branch has an image: nothing compared, both named', async () => {
    const ecr = Object.assign(new FakeEcr(), { mutability: 'MUTABLE' });
    const { result } = await run({ ecr, request: { tags: ['0123456', 'pr-7'], movingTags: ['pr-7'], baseBranchTag: 'main' } });
    if (result instanceof Error) throw result;
    expect(result.layers?.noPrevious).toBe("first push of shop/api:pr-7, and shop/api:main (the base branch's image) names no image yet: no previous image to compare with");
  });

  it('docker driver: masks before login, password on stdin only, four ECR calls, digest from docker inspect', async () => {
    const { result, ecr, docker, masked, events, logins } = await run();
    if (result instanceof Error) throw result;
    expect(result).toMatchObject({ driver: 'docker', registry: HOST, repositoryUri: URI, digest: DIGEST, image: `${URI}@${DIGEST}`, tags: ['0123456', 'main'], sizeBytes: 1234567, apiCalls: 4 });
    expect(ecr.sent.sort()).toEqual(['BatchGetImage', 'DescribeImages', 'DescribeRepositories', 'GetAuthorizationToken']);
    expect(masked).toEqual([TOKEN, PASSWORD]);
    expect(events.indexOf('mask')).toBeLessThan(events.indexOf('run login'));
    const login = docker.calls.find((c) => c.args[0] === 'login');
    expect(login?.args).toEqual(['login', '--username', 'AWS', '--password-stdin', HOST]);
    expect(login?.options.input).toBe(PASSWORD);
    expect(docker.calls.filter((c) => c !== login).every((c) => c.options.input === undefined)).toBe(true);
    expect(docker.calls.flatMap((c) => c.args).some((a) => a.includes(PASSWORD) || a.includes(TOKEN))).toBe(false);
    expect(logins).toEqual([{ program: 'docker', host: HOST }]);
    expect(docker.calls.filter((c) => c.args[0] === 'push').map((c) => c.args[1])).toEqual([`${URI}:0123456`, `${URI}:main`]);
    // The classic builder tried the branch tag as cache, found none, and built without it.
    expect(docker.calls.find((c) => c.args[0] === 'pull')?.args).toEqual(['pull', '--quiet', `${URI}:main`]);
    expect(docker.calls.find((c) => c.args[0] === 'build')?.args).not.toContain('--cache-from');
  });

  it('an existing immutable tag fails before the build and before login, naming the tag', async () => {
    const ecr = new FakeEcr();
    ecr.existing = { main: { digest: `sha256:${'e'.repeat(64)}`, config: IMAGE_ID } };
    const { result, docker } = await run({ ecr });
    expect((result as Error).message).toBe(`tag "main" (sha256:${'e'.repeat(64)}) already exists in shop/api, whose tags are immutable; push a new tag, or set onConflict to skip to keep existing tags as they are`);
    expect(docker.calls.some((c) => c.args[0] === 'build' || c.args[0] === 'login')).toBe(false);
  });

  it('names the setting as the caller calls it: an input, a flag', async () => {
    const ecr = new FakeEcr();
    ecr.existing = { main: { digest: `sha256:${'e'.repeat(64)}`, config: IMAGE_ID } };
    const { result } = await run({ ecr, request: { names: { repository: '--repository', createRepository: '--create-repository', onConflict: '--on-conflict' } } });
    expect((result as Error).message).toMatch(/, or set --on-conflict to skip to keep existing tags as they are$/);
  });

  it('on-conflict skip: an existing tag is kept as it is, the others pushed', async () => {
    const ecr = new FakeEcr();
    ecr.existing = { main: { digest: DIGEST, config: IMAGE_ID } };
    const { result, docker } = await run({ ecr, request: { onConflict: 'skip' } });
    if (result instanceof Error) throw result;
    expect(result.skippedTags).toEqual(['main']);
    expect(docker.calls.filter((c) => c.args[0] === 'push').map((c) => c.args[1])).toEqual([`${URI}:0123456`]);
  });

  it('throttled GetAuthorizationToken and a refused push are retried, counted and logged', async () => {
    const ecr = new FakeEcr();
    ecr.throttleTokens = 2;
    const docker = new FakeDocker();
    docker.failPushes = 1;
    const { result, logger, clock } = await run({ ecr, docker });
    if (result instanceof Error) throw result;
    expect(result).toMatchObject({ apiCalls: 6, apiRetries: 2, pushRetries: 1 });
    expect(logger.lines.filter((l) => l.level === 'warning').map((l) => l.message.replace(/\d+ ms/, 'N ms'))).toEqual([
      'ECR GetAuthorizationToken answered ThrottlingException; retrying in N ms (attempt 2 of 5)',
      'ECR GetAuthorizationToken answered ThrottlingException; retrying in N ms (attempt 3 of 5)',
      `Push of ${URI}:0123456 failed (docker exited with 1: received unexpected HTTP status: 503 Service Unavailable); retrying in N ms (attempt 2 of 3)`,
    ]);
    expect(clock.sleeps).toHaveLength(3);
  });

  it('throttling that never ends gives up after five attempts with the reason', async () => {
    const ecr = new FakeEcr();
    ecr.throttleTokens = 99;
    const { result } = await run({ ecr });
    expect((result as Error).message).toMatch(/^ECR GetAuthorizationToken failed: ThrottlingException: .* \(after 5 attempts\)$/);
  });

  it('a final error ends the run: the look-up beside it is cancelled, not retried, and nothing follows', async () => {
    // DescribeRepositories says the repository is missing while GetAuthorizationToken is still on
    // the wire; that request then times out, as a slow endpoint does.
    class MissingRepository extends FakeEcr {
      abortedAuth = false;
      override async send(command: BuildEcrCommand, options?: { abortSignal?: AbortSignal }): Promise<unknown> {
        const name = command.constructor.name.replace(/Command$/, '');
        if (name === 'DescribeRepositories') {
          this.sent.push(name);
          throw awsError('RepositoryNotFoundException');
        }
        if (name === 'GetAuthorizationToken') {
          this.sent.push(name);
          await new Promise<void>((resolve) => options?.abortSignal?.addEventListener('abort', () => resolve(), { once: true }));
          this.abortedAuth = options?.abortSignal?.aborted === true;
          throw awsError('TimeoutError');
        }
        return super.send(command);
      }
    }
    const ecr = new MissingRepository();
    const { result, logger, docker } = await run({ ecr });
    expect((result as Error).message).toMatch(/^repository: "shop\/api" does not exist/);
    expect(ecr.abortedAuth).toBe(true);
    expect(ecr.sent.sort()).toEqual(['DescribeRepositories', 'GetAuthorizationToken']);
    expect(logger.lines.filter((l) => /retrying/.test(l.message))).toEqual([]);
    expect(docker.calls.some((c) => c.args[0] === 'login' || c.args[0] === 'build')).toBe(false);
  });

  it('an immutability refusal from the registry is not retried', async () => {
    const docker = new FakeDocker();
    docker.run = async (command, args, options = {}) => {
      if (args[0] === 'push') throw new CommandError('docker', 1, "tag invalid: The image tag '0123456' already exists in the 'shop/api' repository and cannot be overwritten because the repository is immutable.");
      return FakeDocker.prototype.run.call(docker, command, args, options);
    };
    const { result, logger } = await run({ docker });
    expect((result as Error).message).toMatch(/cannot be overwritten/);
    expect(logger.lines.some((l) => l.message.startsWith('Push of'))).toBe(false);
  });

  it('buildx: pushes while building with the registry cache, digest from --metadata-file, no separate push', async () => {
    const ecr = new FakeEcr();
    ecr.mutability = 'IMMUTABLE_WITH_EXCLUSION';
    ecr.filters = ['buildcache'];
    const docker = new FakeDocker(true);
    const { result, logger } = await run({ ecr, docker });
    if (result instanceof Error) throw result;
    expect(result).toMatchObject({ driver: 'buildx', digest: DIGEST, pushMs: 0 });
    const build = docker.calls.find((c) => c.args[1] === 'build');
    expect(build?.args).toContain(`type=registry,ref=${URI}:buildcache,mode=max,image-manifest=true,oci-mediatypes=true`);
    expect(build?.args).toContain('--push');
    expect(docker.calls.some((c) => c.args[0] === 'push' || c.args[0] === 'pull')).toBe(false);
    expect(logger.lines.some((l) => l.level === 'warning')).toBe(false);
  });

  it('buildx on an immutable repository without a cache exclusion: warns and builds without the registry cache', async () => {
    const { result, docker, logger } = await run({ docker: new FakeDocker(true) });
    if (result instanceof Error) throw result;
    expect(docker.calls.find((c) => c.args[1] === 'build')?.args.some((a) => a.includes('buildcache'))).toBe(false);
    expect(logger.lines.filter((l) => l.level === 'warning').map((l) => l.message)).toEqual([
      'No registry cache: the tag "buildcache" is immutable in shop/api. Give cache-ref a mutable tag or a cache repository.',
    ]);
  });

  it('on-conflict skip with every tag already there (a re-run): nothing is built, pushed or logged in; the existing digest is the result', async () => {
    const ecr = new FakeEcr();
    const existing = `sha256:${'f'.repeat(64)}`;
    ecr.existing = { '0123456': { digest: existing, config: IMAGE_ID }, main: { digest: existing, config: IMAGE_ID } };
    const docker = new FakeDocker(true);
    const { result } = await run({ ecr, docker, request: { onConflict: 'skip' } });
    if (result instanceof Error) throw result;
    expect(result).toMatchObject({ digest: existing, skippedTags: ['0123456', 'main'], buildMs: 0 });
    expect(docker.calls.filter((c) => ['build', 'login', 'push'].includes(c.args[0] === 'buildx' ? (c.args[1] ?? '') : (c.args[0] ?? '')))).toEqual([]);
  });

  it('on-conflict skip decides before the build: an existing tag holding another image is kept, the new ones pushed', async () => {
    const ecr = new FakeEcr();
    ecr.existing = { '0123456': { digest: `sha256:${'9'.repeat(64)}`, config: `sha256:${'8'.repeat(64)}` } };
    const { result, docker } = await run({ ecr, request: { onConflict: 'skip', tags: ['0123456', 'release-7'] } });
    if (result instanceof Error) throw result;
    expect(result.skippedTags).toEqual(['0123456']);
    expect(docker.calls.filter((c) => c.args[0] === 'push').map((c) => c.args[1])).toEqual([`${URI}:release-7`]);
  });

  it('existing tags naming different images cannot stand for one run: fails before the build', async () => {
    const ecr = new FakeEcr();
    ecr.existing = { '0123456': { digest: `sha256:${'9'.repeat(64)}`, config: IMAGE_ID }, main: { digest: DIGEST, config: IMAGE_ID } };
    const { result, docker } = await run({ ecr, request: { onConflict: 'skip' } });
    expect((result as Error).message).toMatch(/^every tag already exists in shop\/api, but they name different images/);
    expect(docker.calls.some((c) => c.args[0] === 'build')).toBe(false);
  });

  it('moving tags the repository keeps immutable are not pushed (said before the build); excluded ones move', async () => {
    const ecr = new FakeEcr();
    ecr.mutability = 'IMMUTABLE_WITH_EXCLUSION';
    ecr.filters = ['main'];
    ecr.existing = { main: { digest: `sha256:${'9'.repeat(64)}`, config: IMAGE_ID }, '1.4': { digest: `sha256:${'9'.repeat(64)}`, config: IMAGE_ID } };
    const { result, docker, logger } = await run({ ecr, request: { tags: ['0123456', '1.4.2', 'main', '1.4', '1'], movingTags: ['main', '1.4', '1'] } });
    if (result instanceof Error) throw result;
    expect(result.notPushedTags).toEqual(['1.4', '1']);
    expect(result.tags).toEqual(['0123456', '1.4.2', 'main']);
    expect(docker.calls.filter((c) => c.args[0] === 'push').map((c) => c.args[1])).toEqual([`${URI}:0123456`, `${URI}:1.4.2`, `${URI}:main`]);
    const said = logger.lines.findIndex((l) => l.message.startsWith('Tag 1.4 not pushed: it moves with every push'));
    const built = logger.lines.findIndex((l) => l.message.startsWith('[Build'));
    expect(said).toBeGreaterThan(-1);
    expect(said).toBeLessThan(built);
  });

  it('only moving tags, all immutable: fails before the build saying which and why', async () => {
    const { result, docker } = await run({ request: { tags: ['main'], movingTags: ['main'] } });
    expect((result as Error).message).toMatch(/^no tag to push: "main" moves with every push and shop\/api keeps it immutable/);
    expect(docker.calls.some((c) => c.args[0] === 'build')).toBe(false);
  });

  it('a cross-account registry id goes to every ECR call', async () => {
    const { result, ecr } = await run({ request: { registryId: '444455556666' } });
    if (result instanceof Error) throw result;
    for (const [index, name] of ecr.sent.entries()) {
      const input = ecr.inputs[index] ?? {};
      if (name === 'GetAuthorizationToken') expect(input.registryIds).toEqual(['444455556666']);
      else expect(input.registryId).toBe('444455556666');
    }
  });
});
