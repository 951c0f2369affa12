import type { Clock, Logger } from '@eks-kit/core';
import type { KubeApi } from './api-client.js';
import { applyManifests, diffManifests, kubectlApplier, type ApplyObjects, type ApplyOptions } from './apply.js';
import { diagnose, formatDiagnosis, type Diagnosis } from './diagnostics.js';
import { CrdNotEstablished, waitForEstablished } from './establish.js';
import { customCollectionPath, kindKey, resolveCustomKinds, rolloutConditionsOf, type CustomKind } from './custom-kinds.js';
import { bounded, OutOfTime, REQUEST_TIMEOUT_SECONDS, type KubectlLike } from './bounded.js';
import type { Kubectl } from './kubectl.js';
import { isClusterScoped } from './manifests/scope.js';
import { parseDuration, TIMEOUT_ANNOTATION } from './manifests/tracking.js';
import type { Manifest } from './manifests/types.js';
import { pruneObjects, type Pruned } from './prune.js';
import { isRollable, readWorkloads, recordWorkloads, REVISION_ANNOTATION, workloadKey, type WorkloadState } from './revisions.js';
import { rollBack, stateAfterApply, type AppliedAs, type RollbackOutcome } from './rollback.js';
import { applyInProcess, resourceMapper } from './server-side-apply.js';
import type { LiveObject } from './verify/live.js';
import { settle } from './verify/settle.js';
import { apiTransport, kubectlTransport, type WatchTransport } from './watch/transport.js';
import { Watches } from './watch/watches.js';
import { isVerifiable, verifyRollout, watchTargets, type Target, type TargetResult } from './verify/verifier.js';

export type DeployStatus = 'success' | 'failure' | 'timeout' | 'diff';

export interface DeployOptions {
  kubectl: Pick<Kubectl, 'run' | 'getJson'>;
  clock: Clock;
  logger: Logger;
  /** Prepared (namespaced, labelled, sorted) manifests. */
  manifests: readonly Manifest[];
  mode: 'apply' | 'diff';
  apply: ApplyOptions;
  deployId: string;
  prune: boolean;
  timeoutMs: number;
  pollMs?: number;
  unschedulableGraceMs?: number;
  rollback: boolean;
  deleteNewOnFailure: boolean;
  /** After a rollout completed, how long its new pods must not restart or turn unready (default 0: no window). */
  verifyForMs?: number;
  /** A Deployment found paused after apply: fail at once (default), or resume it and verify. */
  pausedDeployments?: 'fail' | 'resume';
  /** Bound on the rollback and the wait for the old version (default: timeoutMs). */
  rollbackTimeoutMs?: number;
  /**
   * The API server reached from this process: the record before the apply and every watch (the
   * rollout, CRDs, the rollback) go in-process instead of through kubectl processes. Without it,
   * kubectl reads and watches; when the in-process record fails, kubectl reads it.
   */
  api?: KubeApi;
}

/** Diagnostics read events and logs after the verdict; they get their own short bound. */
const DIAGNOSTICS_MS = 30_000;

export interface ResourceReport {
  kind: string;
  name: string;
  namespace?: string;
  state: TargetResult['state'] | 'applied';
  message: string;
  durationMs: number;
  revisionBefore?: string;
  revisionAfter?: string;
}

export interface DeployResult {
  status: DeployStatus;
  resources: ResourceReport[];
  diagnostics: Diagnosis[];
  rollbacks: RollbackOutcome[];
  /** Verification of the rolled-back workloads: did the old version come back healthy? */
  rollbackVerification: TargetResult[];
  rolledBack: boolean;
  pruned: Pruned[];
  diff?: { changed: boolean; text: string };
  durationMs: number;
  kubectlCalls?: number;
}

function namespaceOf(m: Manifest): string {
  return m.object.metadata.namespace ?? 'default';
}

/** krane's per-kind defaults where they are shorter than a deploy's. */
const KIND_TIMEOUTS_MS: Record<string, number> = { HorizontalPodAutoscaler: 180_000 };

function targetOf(m: Manifest, logger: Logger, applied: ReadonlyMap<string, LiveObject>): Target {
  const annotation = m.object.metadata.annotations?.[TIMEOUT_ANNOTATION];
  // An HPA without metrics (no metrics server) would otherwise hold the deploy for the whole timeout.
  const timeoutMs = annotation === undefined ? KIND_TIMEOUTS_MS[m.object.kind] : parseDuration(annotation);
  if (annotation !== undefined && timeoutMs === undefined) logger.warning(`${m.object.kind}/${m.object.metadata.name}: ${TIMEOUT_ANNOTATION} "${annotation}" is not a duration like 90s or 5m; using the global timeout`);
  const live = applied.get(workloadKey(m.object.kind, namespaceOf(m), m.object.metadata.name));
  return { kind: m.object.kind, name: m.object.metadata.name, ...(isClusterScoped(m.object) ? {} : { namespace: namespaceOf(m) }), ...(timeoutMs === undefined ? {} : { timeoutMs }), ...(live ? { live } : {}) };
}

/**
 * Apply, verify, and on failure explain and roll back: the whole deploy as one call. Every effect
 * goes through the kubectl and clock it is given.
 */
export async function deploy(options: DeployOptions): Promise<DeployResult> {
  const { clock, logger } = options;
  const start = clock.now();
  // Events carry wall-clock times: the diagnostics keep those of this deploy only.
  const startedAt = Date.now();
  // `timeout` bounds everything up to the verdict: every kubectl call ends by then.
  const kubectl = bounded(options.kubectl, clock, `the deploy (timeout ${Math.round(options.timeoutMs / 1000)} s)`, options.timeoutMs);
  const left = () => Math.max(0, start + options.timeoutMs - clock.now());
  const result: DeployResult = { status: 'success', resources: [], diagnostics: [], rollbacks: [], rollbackVerification: [], rolledBack: false, pruned: [], durationMs: 0 };
  const finish = (status: DeployStatus) => ({ ...result, status, durationMs: clock.now() - start });

  if (options.mode === 'diff') {
    const diff = await logger.group('Diff (server-side dry run; nothing is changed)', async () => {
      const d = await diffManifests(kubectl, options.manifests, options.apply);
      logger.info(d.changed ? d.diff.trimEnd() : 'No changes.');
      return d;
    });
    result.diff = { changed: diff.changed, text: diff.diff };
    return finish('diff');
  }

  const workloads = options.manifests.filter((m) => isRollable(m.object.kind)).map((m) => ({ kind: m.object.kind, name: m.object.metadata.name, namespace: namespaceOf(m) }));
  // The watches open first, so their start-up overlaps the record and the apply and they see every
  // state the rollout goes through. What they show of a workload counts only once its generation
  // is the applied one.
  const transport = watchTransport(options, kubectl);
  const watches = new Watches(transport, clock, logger);
  watchTargets(watches, kubectl, options.manifests.filter((m) => isVerifiable(m.object.kind)).map((m) => ({ kind: m.object.kind, name: m.object.metadata.name, namespace: namespaceOf(m), live: m.object as LiveObject })));
  // The apply starts while the record is read, so its start-up (kubectl's process, credentials and
  // discovery, or the in-process discovery reads) overlaps the read; the objects go out only once
  // the record is complete, so nothing is changed before it holds the old state. A failed record
  // stops it.
  let recorded!: { resolve: () => void; reject: (error: unknown) => void };
  const ready = new Promise<void>((resolve, reject) => (recorded = { resolve, reject }));
  const applying = applyManifests(applier(options, kubectl, left), options.manifests, (foundation) => waitForEstablished(transport, clock, logger, foundation, left(), `the deploy's timeout of ${Math.round(options.timeoutMs / 1000)} s`), ready);
  applying.catch(() => undefined);
  const before = await logger.group('Predeploy: record current revisions', async () => {
    const states = await recordBefore(options, kubectl, workloads, left());
    for (const s of states.values()) logger.info(`${s.kind}/${s.name} (${s.namespace}): ${s.existed ? `revision ${s.revision ?? '-'}, generation ${s.generation ?? '-'}` : 'new'}`);
    return states;
  }).catch(async (error: unknown) => {
    recorded.reject(error);
    await applying.catch(() => undefined);
    await watches.stop();
    throw error;
  });
  recorded.resolve();

  let applied: LiveObject[];
  try {
    applied = await logger.group(`Apply ${options.manifests.length} objects (${options.apply.serverSide ? `server-side, field manager ${options.apply.fieldManager}` : 'client-side'})`, async () => {
      const live = await applying;
      for (const o of live) logger.info(`${o.kind}/${o.metadata.name}${o.metadata.namespace ? ` (${o.metadata.namespace})` : ''} applied, generation ${o.metadata.generation ?? '-'}`);
      return live;
    });
  } catch (error) {
    await watches.stop();
    // Only Namespaces and CRDs were applied: a verdict, with nothing to roll back.
    if (error instanceof CrdNotEstablished) return notEstablished(error, result, finish);
    // The apply goes object by object: workloads before the refused one may already be rolling.
    if (error instanceof OutOfTime || (error instanceof Error && left() === 0)) {
      (error as Error).message = `the apply did not finish within the deploy's timeout of ${Math.round(options.timeoutMs / 1000)} s (the API server is not answering?): ${(error as Error).message}`;
    }
    if (options.rollback && error instanceof Error) error.message += await undoPartialApply(options, before);
    throw error;
  }
  const appliedGeneration = new Map<string, LiveObject>(applied.map((o) => [workloadKey(o.kind, o.metadata.namespace ?? 'default', o.metadata.name), o]));
  let verified: TargetResult[];
  try {
    // A resume is a spec change: its generation, not the apply's, is the one to judge, or a watch
    // that saw the Deployment between the apply and the resume would report it paused.
    for (const d of await handlePaused(kubectl, applied, options)) appliedGeneration.set(workloadKey(d.kind, d.metadata.namespace ?? 'default', d.metadata.name), d);
  } catch (error) {
    await watches.stop();
    throw error;
  }
  // Custom resources are judged by their conditions (a failed read of the CRDs only warns).
  const customKinds = await resolveCustomKinds(kubectl, options.manifests, logger);
  // A per-object timeout annotation cannot outlast the deploy's own bound.
  const targets = options.manifests.flatMap((m) => {
    const custom = customKinds.get(kindKey(m.object.apiVersion, m.object.kind));
    if (!custom && !isVerifiable(m.object.kind)) return [];
    const t = targetOf(m, logger, appliedGeneration);
    return [custom ? { ...t, custom: customTarget(custom, m, logger) } : t];
  }).map((t) => (t.timeoutMs === undefined ? t : { ...t, timeoutMs: Math.min(t.timeoutMs, left()) }));
  try {
    const rolledOut = await logger.group(`Verify ${targets.length} resources (timeout ${Math.round(left() / 1000)}s)`, () =>
      verifyRollout(targets, {
        kubectl, clock, logger, watches, timeoutMs: left(), timeoutLabel: `${Math.round(options.timeoutMs / 1000)}s (the deploy's timeout, apply included)`,
        ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
        ...(options.unschedulableGraceMs === undefined ? {} : { unschedulableGraceMs: options.unschedulableGraceMs }),
      }),
    );
    // Pods that pass readiness and crash seconds later would otherwise end the deploy green.
    verified = rolledOut.some((r) => r.state === 'failed' || r.state === 'timed-out')
      ? rolledOut
      : await settle(rolledOut, { kubectl, clock, logger, watches, windowMs: Math.min(options.verifyForMs ?? 0, left()), pollMs: options.pollMs ?? 1000 });
  } finally {
    await watches.stop();
  }


  const verifiedByRef = new Map(verified.map((r) => [`${r.target.kind}/${r.target.name}/${r.target.namespace ?? ''}`, r]));
  for (const m of options.manifests) {
    const ref = `${m.object.kind}/${m.object.metadata.name}/${isClusterScoped(m.object) ? '' : namespaceOf(m)}`;
    const r = verifiedByRef.get(ref);
    const state = before.get(workloadKey(m.object.kind, namespaceOf(m), m.object.metadata.name));
    const after = r?.live?.metadata.annotations?.[REVISION_ANNOTATION];
    result.resources.push({
      kind: m.object.kind,
      name: m.object.metadata.name,
      ...(isClusterScoped(m.object) ? {} : { namespace: namespaceOf(m) }),
      state: r?.state ?? 'applied',
      message: r?.message ?? 'applied',
      durationMs: r?.durationMs ?? 0,
      ...(state?.revision ? { revisionBefore: state.revision } : {}),
      ...(after ? { revisionAfter: after } : {}),
    });
  }

  const bad = verified.filter((r) => r.state === 'failed' || r.state === 'timed-out');
  if (bad.length === 0) {
    if (options.prune) {
      result.pruned = await logger.group('Prune what the previous deploy created and this one does not', () =>
        pruneObjects(kubectl, {
          deployId: options.deployId,
          namespaces: [...new Set(options.manifests.filter((m) => !isClusterScoped(m.object)).map(namespaceOf))],
          keep: new Set(options.manifests.map((m) => `${m.object.kind}/${namespaceOf(m)}/${m.object.metadata.name}`)),
          logger,
        }),
      );
    }
    return finish('success');
  }

  await logger.group('Diagnostics', async () => {
    const reader = bounded(options.kubectl, clock, 'diagnostics', DIAGNOSTICS_MS);
    for (const r of bad) {
      if (!r.live) continue;
      try {
        const d = await diagnose(reader, r.live, r.pods, { since: startedAt });
        result.diagnostics.push(d);
        logger.info(formatDiagnosis(d));
      } catch (error) {
        logger.warning(`No diagnostics for ${r.target.kind}/${r.target.name}: ${(error as Error).message}`);
      }
    }
  });

  if (options.rollback) await rollBackAll(options, before, appliedGeneration, verified, result);
  return finish(bad.some((r) => r.state === 'failed') ? 'failure' : 'timeout');
}

function customTarget(kind: CustomKind, m: Manifest, logger: Logger): NonNullable<Target['custom']> {
  const conditions = rolloutConditionsOf(m.object, logger) ?? kind.conditions;
  return { path: customCollectionPath(kind, namespaceOf(m)), ...(conditions ? { conditions } : {}) };
}

function notEstablished(error: CrdNotEstablished, result: DeployResult, finish: (status: DeployStatus) => DeployResult): DeployResult {
  result.resources.push({ kind: 'CustomResourceDefinition', name: error.crd, state: error.refused ? 'failed' : 'timed-out', message: error.message, durationMs: 0 });
  return finish(error.refused ? 'failure' : 'timeout');
}

/** Watches in-process when the deploy was given the API server, else through kubectl processes. */
function watchTransport(options: DeployOptions, kubectl: KubectlLike): WatchTransport {
  return options.api ? apiTransport(options.api) : kubectlTransport(kubectl);
}

/**
 * A server-side apply goes in-process when the deploy was given the API server (no kubectl process
 * to start); a client-side one needs kubectl's last-applied bookkeeping. Each request is bounded by
 * what is left of the deploy's time.
 */
function applier(options: DeployOptions, kubectl: KubectlLike, left: () => number): ApplyObjects {
  const { api, apply } = options;
  if (!api || !apply.serverSide || apply.dryRun) return kubectlApplier(kubectl, apply);
  const inProcess = { fieldManager: apply.fieldManager, forceConflicts: apply.forceConflicts ?? false, timeoutMs: () => Math.max(1, Math.min(left(), REQUEST_TIMEOUT_SECONDS * 1000)) };
  const mapper = resourceMapper(api, inProcess.timeoutMs);
  return (objects, ready) => applyInProcess(api, objects, inProcess, ready, mapper);
}

/** In-process when the deploy was given the API server, else (or when that read fails) by kubectl. */
async function recordBefore(options: DeployOptions, kubectl: KubectlLike, workloads: readonly { kind: string; name: string; namespace: string }[], leftMs: number): Promise<Map<string, WorkloadState>> {
  if (options.api && workloads.length > 0) {
    try {
      return await readWorkloads(options.api, workloads, Math.min(leftMs, REQUEST_TIMEOUT_SECONDS * 1000));
    } catch (error) {
      options.logger.debug(`Reading the workloads in-process failed (${(error as Error).message}); asking kubectl`);
    }
  }
  return recordWorkloads(kubectl, workloads);
}

/** The rollback and the wait for the old version share their own bound, so a stalled API cannot hold them either. */
function rollbackKubectl(options: DeployOptions): { kubectl: KubectlLike; left: () => number } {
  const bound = options.rollbackTimeoutMs ?? options.timeoutMs;
  const start = options.clock.now();
  return { kubectl: bounded(options.kubectl, options.clock, `the rollback (bound ${Math.round(bound / 1000)} s)`, bound), left: () => Math.max(0, start + bound - options.clock.now()) };
}

async function rollBackAll(options: DeployOptions, before: Map<string, WorkloadState>, applied: Map<string, LiveObject>, verified: TargetResult[], result: DeployResult): Promise<void> {
  const { logger, clock } = options;
  const { kubectl, left } = rollbackKubectl(options);
  await logger.group('Rollback', async () => {
    for (const state of before.values()) {
      const key = workloadKey(state.kind, state.namespace, state.name);
      const live = verified.find((r) => r.target.kind === state.kind && r.target.name === state.name && r.target.namespace === state.namespace)?.live;
      const generation = applied.get(key)?.metadata.generation;
      if (state.existed && generation !== undefined && generation === state.generation) {
        result.rollbacks.push({ kind: state.kind, name: state.name, namespace: state.namespace, action: 'unchanged', message: 'not changed by this deploy' });
        continue;
      }
      result.rollbacks.push(await rollBack(kubectl, state, stateAfterApply(live, generation), { deleteNew: options.deleteNewOnFailure, logger, ...appliedAsFor(options, state) }));
    }
    result.rolledBack = result.rollbacks.some((r) => r.action === 'rolled-back' || r.action === 'deleted');
    const wait: Target[] = result.rollbacks.filter((r) => r.action === 'rolled-back').map((r) => ({ kind: r.kind, name: r.name, namespace: r.namespace }));
    if (wait.length === 0) return;
    logger.info(`Waiting for ${wait.length} rolled-back workload(s) to be healthy again`);
    const watches = new Watches(watchTransport(options, kubectl), clock, logger);
    try {
      result.rollbackVerification = await verifyRollout(wait, {
        kubectl, clock, logger, watches, timeoutMs: left(), failFast: false,
        ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
        ...(options.unschedulableGraceMs === undefined ? {} : { unschedulableGraceMs: options.unschedulableGraceMs }),
      });
    } finally {
      await watches.stop();
    }
  });
}

/**
 * A paused Deployment takes the new template and rolls none of it out. Said at once; resumed only
 * when asked, and never when its own manifest pauses it (resuming would fight the manifest).
 */
async function handlePaused(kubectl: KubectlLike, applied: readonly LiveObject[], options: DeployOptions): Promise<LiveObject[]> {
  const resumed: LiveObject[] = [];
  for (const d of applied.filter((o) => o.kind === 'Deployment' && o.spec?.paused === true)) {
    const ref = `deployment/${d.metadata.name}`;
    const manifest = options.manifests.find((m) => m.object.kind === 'Deployment' && m.object.metadata.name === d.metadata.name && namespaceOf(m) === (d.metadata.namespace ?? 'default'));
    const pausedByManifest = (manifest?.object.spec as { paused?: unknown } | undefined)?.paused === true;
    if ((options.pausedDeployments ?? 'fail') === 'fail' || pausedByManifest) {
      options.logger.error(`${ref} is paused${pausedByManifest ? ' by its own manifest' : ''}: its new template will not roll out until it is resumed`);
      continue;
    }
    const namespace = d.metadata.namespace ?? 'default';
    const answer = await kubectl.run(['rollout', 'resume', ref, '-n', namespace, '-o', 'json']);
    resumed.push(resumedObject(answer.stdout) ?? (await kubectl.getJson<LiveObject>([ref, '-n', namespace])));
    options.logger.warning(`${ref} was paused; resumed it, as asked, so the new template rolls out`);
  }
  return resumed;
}

/** The Deployment as the resume answered it, when kubectl printed it whole. */
function resumedObject(stdout: string): LiveObject | undefined {
  try {
    const object = JSON.parse(stdout) as LiveObject;
    return object.kind === 'Deployment' && object.metadata?.generation !== undefined ? object : undefined;
  } catch {
    return undefined;
  }
}

/** Server-side applies give the rolled-back template back to the deploy's field manager. */
function appliedAsFor(options: DeployOptions, state: WorkloadState): { appliedAs?: AppliedAs } {
  if (!options.apply.serverSide) return {};
  const manifest = options.manifests.find((m) => m.object.kind === state.kind && m.object.metadata.name === state.name && namespaceOf(m) === state.namespace);
  return manifest ? { appliedAs: { object: manifest.object, apply: options.apply } } : {};
}

/** After a failed apply, rolls back the workloads whose spec it already changed; says what it did. */
async function undoPartialApply(options: DeployOptions, before: Map<string, WorkloadState>): Promise<string> {
  const { logger } = options;
  const { kubectl } = rollbackKubectl(options);
  try {
    const now = await recordWorkloads(kubectl, [...before.values()]);
    const changed = [...before.values()].filter((b) => {
      const current = now.get(workloadKey(b.kind, b.namespace, b.name));
      return current?.existed && (!b.existed || current.generation !== b.generation);
    });
    if (changed.length === 0) return '';
    const outcomes = await logger.group('Rollback of what the failed apply changed', async () => {
      const done = [];
      for (const b of changed) {
        // The generation moved, so undo even if the controller has not bumped the revision yet.
        done.push(await rollBack(kubectl, b, {}, { deleteNew: options.deleteNewOnFailure, logger, ...appliedAsFor(options, b) }));
      }
      return done;
    });
    return ` (apply had already changed ${outcomes.map((o) => `${o.kind}/${o.name}: ${o.action}`).join(', ')})`;
  } catch (rollbackError) {
    logger.warning(`Could not check or roll back what the failed apply changed: ${(rollbackError as Error).message}`);
    return '';
  }
}
