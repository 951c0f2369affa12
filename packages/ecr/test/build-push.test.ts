import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CommandError, MemoryLogger, type CommandRunner, type RunOptions, type RunResult } from '@eks-kit/core';
import { buildAndPush, type BuildEcrClient, type BuildEcrCommand, type BuildPushRequest } from '../src/index.js';
import { awsError, FakeClock } from './fakes.js';

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
  async run(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    this.calls.push({ command, args, options });
    const ok = (stdout = ''): RunResult => ({ exitCode: 0, stdout, stderr: '' });
    if (args[0] === 'buildx') return options.allowFailure ? { exitCode: 1, stdout: '', stderr: 'unknown command' } : ok();
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
  existing: Record<string, { digest: string; config: string }> = {};
  throttleTokens = 0;
  async send(command: BuildEcrCommand): Promise<unknown> {
    const name = command.constructor.name.replace(/Command$/, '');
    this.sent.push(name);
    if (name === 'GetAuthorizationToken') {
      if (this.throttleTokens-- > 0) throw awsError('ThrottlingException');
      return { authorizationData: [{ authorizationToken: TOKEN, proxyEndpoint: `https://${HOST}` }] };
    }
    if (name === 'DescribeRepositories') return { repositories: [{ repositoryName: 'shop/api', repositoryUri: URI, registryId: '111122223333', imageTagMutability: 'IMMUTABLE' }] };
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

async function run(options: { ecr?: FakeEcr; docker?: FakeDocker; request?: Partial<BuildPushRequest> } = {}) {
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
  }).catch((error: unknown) => error as Error);
  return { result, ecr, docker, logger, masked, events, logins, clock };
}

describe('buildAndPush with a fake engine and ECR', () => {
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
    expect((result as Error).message).toBe(`tag "main" (sha256:${'e'.repeat(64)}) already exists in shop/api, whose tags are immutable; push a new tag, or set on-conflict: skip to skip tags that already hold this same image`);
    expect(docker.calls.some((c) => c.args[0] === 'build' || c.args[0] === 'login')).toBe(false);
  });

  it('on-conflict skip: a tag holding the same image is skipped, the others pushed', async () => {
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
});
