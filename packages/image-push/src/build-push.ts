import { DescribeImagesCommand, type DescribeImagesCommandOutput } from '@aws-sdk/client-ecr';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { allOrAbort, CommandError, retry, type BackoffOptions, type CommandRunner, type RunOptions } from '@eks-kit/core';
import { buildInvocation, checkSupport, labelStamp, pushInvocation, type BuildPlan, type Invocation } from './argv.js';
import type { BuildSpec } from './build-spec.js';
import { conflictBeforeBuild, existingTags, splitConflicts, type ConflictPolicy, type ExistingTag } from './conflicts.js';
import { dockerRepoDigest, readBuildxMetadata, readDigestFile, readIidFile } from './digest.js';
import { detectDriver, type Driver } from './driver.js';
import { sendEcr, type EcrSession } from './ecr-calls.js';
import { lineLogger } from './lines.js';
import { engineLogin, getRegistryAuth, loginProgram } from './login.js';
import { ensureRepository, tagIsImmutable, type RepositorySettings } from './repository.js';

export interface BuildPushRequest {
  region: string;
  repository: string;
  registryId?: string;
  /** Create the repository with these settings when it is missing; undefined: fail instead. */
  create?: RepositorySettings;
  driver: Driver | 'auto';
  /** Tag names (not references). */
  tags: string[];
  spec: BuildSpec;
  onConflict: ConflictPolicy;
  /** docker: images to seed the cache from; `auto` = this repository's first moving tag (branch, PR, latest). */
  cacheFrom: 'auto' | 'none' | string[];
  /** buildx registry cache / buildah layer cache reference; `auto` = `<repository-uri>:buildcache` for buildx. */
  cacheRef: 'auto' | 'none' | string;
  /** Scratch directory for the files builders write (image ID, metadata, digests). */
  workDir: string;
}

export interface BuildPushDeps {
  session: EcrSession;
  runner: CommandRunner;
  /** Masks a secret in all later output; called before the secret is used. */
  mask: (secret: string) => void;
  env: NodeJS.ProcessEnv;
  /** Called right after a successful login, so a post step can log out even when the build fails. */
  onLogin?: (login: { program: 'docker' | 'buildah'; host: string }) => void;
  pushAttempts?: number;
  pushBackoff?: BackoffOptions;
}

export interface BuildPushResult {
  driver: Driver;
  registry: string;
  repositoryUri: string;
  repositoryCreated: boolean;
  digest: string;
  /** `<repository-uri>@<digest>`. */
  image: string;
  /** Every tag that now names the image. */
  tags: string[];
  /** Tags that already held this same image and were not pushed again. */
  skippedTags: string[];
  sizeBytes?: number;
  buildMs: number;
  pushMs: number;
  totalMs: number;
  apiCalls: number;
  apiRetries: number;
  pushRetries: number;
}

const SHA_TAG = /^(?:[0-9a-f]{7}|[0-9a-f]{40})$/;
// Push failures another attempt cannot fix.
const PERMANENT_PUSH_FAILURE = /immutable|cannot be overwritten|unauthorized|authentication required|denied|name[ _]unknown|does not exist|manifest invalid/i;

/**
 * Builds and pushes. The first final failure ends the run: AWS calls still in flight are cancelled
 * and none is retried or sent after it.
 */
export async function buildAndPush(request: BuildPushRequest, deps: BuildPushDeps): Promise<BuildPushResult> {
  const controller = new AbortController();
  try {
    return await run(request, { ...deps, session: { ...deps.session, signal: controller.signal } }, controller);
  } catch (error) {
    controller.abort(error);
    throw error;
  }
}

async function run(request: BuildPushRequest, deps: BuildPushDeps, controller: AbortController): Promise<BuildPushResult> {
  const { session, runner } = deps;
  const logger = session.logger;
  const started = session.clock.now();
  const base: RunOptions = { env: deps.env };

  // Independent look-ups run side by side: they are most of the action's own time.
  const [driver, auth, repository] = await allOrAbort(controller, [
    detectDriver(runner, request.driver, base),
    getRegistryAuth(session, request.registryId, deps.mask),
    ensureRepository(session, { name: request.repository, region: request.region, ...(request.registryId ? { registryId: request.registryId } : {}) }, request.create),
  ]);
  checkSupport(driver, request.spec);
  logger.info(`Driver: ${driver}; repository: ${repository.uri}${repository.created ? ' (created)' : ''}; tags: ${request.tags.join(', ')}`);

  const immutable = request.tags.filter((tag) => tagIsImmutable(repository, tag));
  const conflicts = await existingTags(session, { name: repository.name, ...(request.registryId ? { registryId: request.registryId } : {}) }, immutable);
  if (conflicts.size > 0 && request.onConflict === 'fail') throw conflictBeforeBuild(repository.name, conflicts);

  await engineLogin(runner, driver, auth, base);
  deps.onLogin?.({ program: loginProgram(driver), host: auth.host });

  const references = request.tags.map((tag) => `${repository.uri}:${tag}`);
  const toPush = request.tags.filter((tag) => !conflicts.has(tag));
  const plan: BuildPlan = { references, cacheFrom: [], push: toPush.length > 0 };
  if (driver === 'buildx') {
    plan.references = toPush.map((tag) => `${repository.uri}:${tag}`);
    const cacheRef = request.cacheRef === 'auto' ? `${repository.uri}:buildcache` : request.cacheRef;
    if (cacheRef !== 'none' && request.cacheRef === 'auto' && tagIsImmutable(repository, 'buildcache')) {
      logger.warning(`No registry cache: the tag "buildcache" is immutable in ${repository.name}. Give cache-ref a mutable tag or a cache repository.`);
    } else if (cacheRef !== 'none') {
      plan.registryCache = cacheRef;
    }
  } else if (driver === 'buildah' && request.cacheRef !== 'auto' && request.cacheRef !== 'none') {
    plan.layerCacheRepository = request.cacheRef;
  }

  const buildStarted = session.clock.now();
  if (driver === 'docker') plan.cacheFrom = await pullCacheImages(runner, request, repository.uri, base, logger);
  else if (driver === 'buildx' && Array.isArray(request.cacheFrom)) plan.cacheFrom = request.cacheFrom;
  const files = { iidFile: path.join(request.workDir, 'iid'), metadataFile: path.join(request.workDir, 'metadata.json') };
  const build = buildInvocation(driver, request.spec, plan, files);
  await logger.group(`Build (${driver})`, async () => {
    await runStreaming(runner, build, base, logger);
    if (driver === 'docker') {
      const stampDir = path.join(request.workDir, 'stamp');
      const stamp = labelStamp(readIidFile(files.iidFile), request.spec.labels, references, stampDir, files.iidFile);
      mkdirSync(stampDir, { recursive: true });
      writeFileSync(path.join(stampDir, 'Dockerfile'), stamp.dockerfile);
      await runStreaming(runner, stamp.invocation, base, logger);
    }
  });
  const buildMs = session.clock.now() - buildStarted;

  const metadata = driver === 'buildx' ? readBuildxMetadata(files.metadataFile) : undefined;
  const localConfig = driver === 'buildx' ? metadata?.configDigest : readIidFile(files.iidFile);
  const { same } = splitConflicts(repository.name, conflicts, localConfig);
  for (const tag of same.keys()) logger.info(`Tag ${tag} already holds this image; not pushed again.`);

  const pushStarted = session.clock.now();
  let pushRetries = 0;
  // A buildx build that pushed nothing (every tag already held the image) reports a digest that is not in the registry.
  let digest = plan.push ? metadata?.digest : undefined;
  if (driver !== 'buildx' && toPush.length > 0) {
    await logger.group(`Push ${toPush.length} tag${toPush.length === 1 ? '' : 's'}`, async () => {
      for (const [index, tag] of toPush.entries()) {
        const reference = `${repository.uri}:${tag}`;
        const digestFile = path.join(request.workDir, `digest-${index}`);
        const push = pushInvocation(driver, reference, { digestFile, insecure: auth.insecure });
        await retry(() => runStreaming(runner, push, base, logger), {
          attempts: deps.pushAttempts ?? 3,
          ...(deps.pushBackoff ?? { initialMs: 1_000, maxMs: 8_000, factor: 2, jitter: 0.2 }),
          clock: session.clock,
          retryable: (error) => !(error instanceof CommandError) || !PERMANENT_PUSH_FAILURE.test(`${error.stderr}\n${error.message}`),
          onRetry: (error, attempt, delay) => {
            pushRetries += 1;
            logger.warning(`Push of ${reference} failed (${(error as Error).message}); retrying in ${delay} ms (attempt ${attempt + 2} of ${deps.pushAttempts ?? 3})`);
          },
        });
        digest ??= driver === 'buildah' ? readDigestFile(digestFile) : await dockerRepoDigest(runner, reference, repository.uri, base);
      }
    });
  }
  const pushMs = driver === 'buildx' ? 0 : session.clock.now() - pushStarted;
  digest ??= [...same.values()][0]?.digest;
  if (!digest) throw new CommandError(driver, 0, '', 'the build finished but no image digest was reported');

  const sizeBytes = await imageSize(session, repository.name, request.registryId, digest);
  const skippedTags = [...same.keys()];
  return {
    driver,
    registry: auth.host,
    repositoryUri: repository.uri,
    repositoryCreated: repository.created,
    digest,
    image: `${repository.uri}@${digest}`,
    tags: request.tags,
    skippedTags,
    ...(sizeBytes === undefined ? {} : { sizeBytes }),
    buildMs,
    pushMs,
    totalMs: session.clock.now() - started,
    apiCalls: session.stats.calls,
    apiRetries: session.stats.retries,
    pushRetries,
  };
}

async function runStreaming(runner: CommandRunner, invocation: Invocation, base: RunOptions, logger: EcrSession['logger']): Promise<void> {
  const lines = lineLogger(logger);
  try {
    await runner.run(invocation.command, invocation.args, { ...base, env: { ...base.env, ...invocation.env }, onStdout: lines.onStdout, onStderr: lines.onStderr });
  } finally {
    lines.flush();
  }
}

/**
 * The classic builder only uses images it has locally as cache: on a fresh engine, pull the previous
 * image first, if there is one, and name it in --cache-from.
 */
async function pullCacheImages(runner: CommandRunner, request: BuildPushRequest, uri: string, base: RunOptions, logger: EcrSession['logger']): Promise<string[]> {
  const candidates =
    request.cacheFrom === 'none' ? [] : request.cacheFrom === 'auto' ? request.tags.filter((tag) => !SHA_TAG.test(tag)).slice(0, 1).map((tag) => `${uri}:${tag}`) : request.cacheFrom;
  const usable: string[] = [];
  for (const image of candidates) {
    // Named in --cache-from even when it is already here: with any --cache-from the classic builder
    // only trusts cache entries in the history of those images. Pulled only when it is not here.
    const local = await runner.run('docker', ['image', 'inspect', '--format', '{{.Id}}', image], { ...base, allowFailure: true });
    if (local.exitCode === 0) {
      usable.push(image);
      continue;
    }
    const pulled = await runner.run('docker', ['pull', '--quiet', image], { ...base, allowFailure: true });
    if (pulled.exitCode === 0) usable.push(image);
    else logger.info(`No cache image ${image} yet (first build of this tag?)`);
  }
  return usable;
}

async function imageSize(session: EcrSession, repositoryName: string, registryId: string | undefined, digest: string): Promise<number | undefined> {
  const answer = await sendEcr<DescribeImagesCommandOutput>(
    session,
    'DescribeImages',
    new DescribeImagesCommand({ repositoryName, ...(registryId ? { registryId } : {}), imageIds: [{ imageDigest: digest }] }),
  );
  return answer.imageDetails?.[0]?.imageSizeInBytes;
}

export type { ExistingTag };
