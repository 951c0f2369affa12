import { DescribeImagesCommand, type DescribeImagesCommandOutput } from '@aws-sdk/client-ecr';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { allOrAbort, CommandError, retry, type BackoffOptions, type CommandRunner, type RunOptions } from '@eks-kit/core';
import { buildInvocation, checkSupport, labelStamp, needsDriverCheck, pushInvocation, type BuildPlan, type Invocation } from './argv.js';
import type { BuildSpec } from './build-spec.js';
import { conflictBeforeBuild, existingTags, skippedImage, type ConflictPolicy, type ExistingTag } from './conflicts.js';
import { dockerRepoDigest, readBuildxMetadata, readDigestFile, readIidFile } from './digest.js';
import { detectDriver, type Driver } from './driver.js';
import { layerReport, type LayerReport, type Previous } from './layers/layer-delta.js';
import { readImageLayers, type RegistryReader } from './layers/registry-reader.js';
import type { OptionNames } from './options.js';
import { sendEcr, type EcrSession } from './ecr-calls.js';
import { lineLogger } from './lines.js';
import { engineLogin, getRegistryAuth, loginProgram, type RegistryAuth } from './login.js';
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
  /** The subset of `tags` that moves to the next image on every push (branch, PR, latest, semver aliases). */
  movingTags?: string[];
  /** On a pull request, the base branch's tag: compared with when the pull request's tag names no image yet. */
  baseBranchTag?: string;
  spec: BuildSpec;
  onConflict: ConflictPolicy;
  /** docker: images to seed the cache from; `auto` = this repository's first moving tag (branch, PR, latest). */
  cacheFrom: 'auto' | 'none' | string[];
  /** buildx registry cache / buildah layer cache reference; `auto` = `<repository-uri>:buildcache` for buildx. */
  cacheRef: 'auto' | 'none' | string;
  /** Scratch directory for the files builders write (image ID, metadata, digests). */
  workDir: string;
  /** How the report names the Dockerfile (`Dockerfile`, `services/api/Dockerfile`); default its file name. */
  dockerfileName?: string;
  /** What the caller calls the settings later errors point at; default: these parameters' own names. */
  names?: RequestNames;
}

export type RequestNames = Pick<OptionNames, 'repository' | 'createRepository' | 'onConflict'>;
const PARAMETER_NAMES: RequestNames = { repository: 'repository', createRepository: 'createRepository', onConflict: 'onConflict' };

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
  /** For reading manifests and image configs from the registry (the layer report); default the global fetch. */
  fetch?: typeof fetch;
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
  /** Tags that already existed (immutable) and were kept as they are: on-conflict skip. */
  skippedTags: string[];
  /** Moving tags not pushed because the repository keeps them immutable. */
  notPushedTags: string[];
  sizeBytes?: number;
  /** The pushed image's layers, each with the instruction that made it, against the previous image. */
  layers?: LayerReport;
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

  // Independent look-ups run side by side: they are most of the action's own time. When an option
  // only some builders support is set, the builder is found and checked first, before any AWS call.
  const early = needsDriverCheck(request.spec) ? await detectDriver(runner, request.driver, base) : undefined;
  if (early) checkSupport(early, request.spec);
  const [driver, auth, repository] = await allOrAbort(controller, [
    early ? Promise.resolve(early) : detectDriver(runner, request.driver, base),
    getRegistryAuth(session, request.registryId, deps.mask),
    ensureRepository(session, { name: request.repository, region: request.region, ...(request.registryId ? { registryId: request.registryId } : {}) }, request.create, request.names ?? PARAMETER_NAMES),
  ]);
  checkSupport(driver, request.spec);
  const notPushed = (request.movingTags ?? []).filter((tag) => request.tags.includes(tag) && tagIsImmutable(repository, tag));
  const tags = request.tags.filter((tag) => !notPushed.includes(tag));
  logger.info(`Driver: ${driver}; repository: ${repository.uri}${repository.created ? ' (created)' : ''}; tags: ${tags.join(', ')}`);
  for (const tag of notPushed) {
    logger.info(`Tag ${tag} not pushed: it moves with every push, and ${repository.name} keeps it immutable (no exclusion filter names it).`);
  }
  if (tags.length === 0) throw conflictBeforeBuild(repository.name, new Map(), notPushed, (request.names ?? PARAMETER_NAMES).onConflict);

  // Conflicts are decided here, before anything is built.
  const immutable = tags.filter((tag) => tagIsImmutable(repository, tag));
  const conflicts = await existingTags(session, { name: repository.name, ...(request.registryId ? { registryId: request.registryId } : {}) }, immutable);
  if (conflicts.size > 0 && request.onConflict === 'fail') throw conflictBeforeBuild(repository.name, conflicts, [], (request.names ?? PARAMETER_NAMES).onConflict);
  const toPush = tags.filter((tag) => !conflicts.has(tag));
  for (const tag of conflicts.keys()) logger.info(`Tag ${tag} already exists in ${repository.name}; kept as it is, not pushed.`);
  const common = {
    driver,
    registry: auth.host,
    repositoryUri: repository.uri,
    repositoryCreated: repository.created,
    tags,
    skippedTags: [...conflicts.keys()],
    notPushedTags: notPushed,
  };
  const reader = registryReader(auth, deps.fetch ?? fetch);
  const finish = async (digest: string, timing: { buildMs: number; pushMs: number; pushRetries: number }, previous?: Previous | { none: string }): Promise<BuildPushResult> => {
    const sizeBytes = await imageSize(session, repository.name, request.registryId, digest);
    const layers = previous ? await pushedLayers(reader, repository.name, digest, request, previous, logger) : undefined;
    return {
      ...common,
      digest,
      image: `${repository.uri}@${digest}`,
      ...(sizeBytes === undefined ? {} : { sizeBytes }),
      ...(layers ? { layers } : {}),
      ...timing,
      totalMs: session.clock.now() - started,
      apiCalls: session.stats.calls,
      apiRetries: session.stats.retries,
    };
  };
  if (toPush.length === 0) {
    // Every tag is there already (a re-run of the same commit): nothing to build or push.
    const digest = skippedImage(repository.name, conflicts);
    logger.info(`Every tag already names ${digest}; nothing built or pushed.`);
    return finish(digest, { buildMs: 0, pushMs: 0, pushRetries: 0 });
  }

  // The image the moving tag names now is the one this push replaces: read it before pushing.
  const previous = await previousImage(reader, repository.name, request.movingTags ?? [], toPush, request.baseBranchTag, logger);

  await engineLogin(runner, driver, auth, base);
  deps.onLogin?.({ program: loginProgram(driver), host: auth.host });

  const references = toPush.map((tag) => `${repository.uri}:${tag}`);
  const plan: BuildPlan = { references, cacheFrom: [], push: true };
  if (driver === 'buildx') {
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

  const pushStarted = session.clock.now();
  let pushRetries = 0;
  let digest = metadata?.digest;
  if (driver !== 'buildx') {
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
  if (!digest) throw new CommandError(driver, 0, '', 'the build finished but no image digest was reported');

  return finish(digest, { buildMs, pushMs, pushRetries }, previous);
}

/** The Dockerfile for labelling layers; without it the layers keep their history text. */
function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function registryReader(auth: RegistryAuth, fetcher: typeof fetch): RegistryReader {
  return { baseUrl: `${auth.insecure ? 'http' : 'https'}://${auth.host}`, authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`, fetch: fetcher };
}

/**
 * The layers of the image the first moving tag of this push names before it moves; on a pull
 * request whose own tag names nothing yet, the base branch's image. A report, not a gate: when it
 * cannot be read the build goes on and the summary says why nothing is compared.
 */
async function previousImage(reader: RegistryReader, repository: string, moving: readonly string[], toPush: readonly string[], baseTag: string | undefined, logger: EcrSession['logger']): Promise<Previous | { none: string }> {
  const tag = moving.find((t) => toPush.includes(t));
  const candidates: Previous['source'][] = [...(tag ? ['moving' as const] : []), ...(baseTag ? ['base-branch' as const] : [])];
  if (candidates.length === 0) return { none: 'this push moves no tag (branch, latest, …), so there is no previous image to compare with' };
  for (const source of candidates) {
    const name = source === 'moving' ? tag! : baseTag!;
    try {
      const image = await readImageLayers(reader, repository, name);
      if (image) return { tag: name, image, source };
    } catch (error) {
      logger.warning(`The image ${repository}:${name} names now could not be read (${(error as Error).message}); the layer sizes are not compared.`);
      return { none: `the previous ${repository}:${name} could not be read (${(error as Error).message})` };
    }
  }
  const parts = [...(tag ? [`first push of ${repository}:${tag}`] : []), ...(baseTag ? [`${repository}:${baseTag} (the base branch's image) names no image yet`] : [])];
  return { none: `${parts.join(', and ')}: no previous image to compare with` };
}

async function pushedLayers(reader: RegistryReader, repository: string, digest: string, request: BuildPushRequest, previous: Previous | { none: string }, logger: EcrSession['logger']): Promise<LayerReport | undefined> {
  try {
    const image = await readImageLayers(reader, repository, digest);
    if (!image) throw new Error(`${repository}@${digest} is not in the registry`);
    const text = readText(request.spec.file);
    return layerReport(image, { name: request.dockerfileName ?? path.basename(request.spec.file), ...(text === undefined ? {} : { text }), ...(request.spec.target ? { target: request.spec.target } : {}) }, previous);
  } catch (error) {
    logger.warning(`The pushed image's layers could not be read (${(error as Error).message}); the summary has no layer list.`);
    return undefined;
  }
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
