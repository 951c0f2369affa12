import type { Logger } from '@eks-kit/core';
import { applyObjects, type ApplyOptions } from './apply.js';
import type { Kubectl } from './kubectl.js';
import type { KubeObject } from './manifests/types.js';
import type { LiveObject } from './verify/live.js';
import { REVISION_ANNOTATION, type WorkloadState } from './revisions.js';

export type RollbackAction = 'rolled-back' | 'deleted' | 'left' | 'unchanged' | 'failed';

export interface RollbackOutcome {
  kind: string;
  name: string;
  namespace: string;
  action: RollbackAction;
  message: string;
  toRevision?: string;
}

/** The object this deploy applied server-side and how, so a rollback can apply the old template the same way. */
export interface AppliedAs {
  object: KubeObject;
  apply: ApplyOptions;
}

/**
 * What a failed workload shows of the apply, for its rollback. Its revision counts only once the
 * controller has observed the applied generation: a failure found before that (a claim Lost at
 * once, a busy controller manager) still shows the old revision, though the new template is in
 * place all the same and has to go back.
 */
export function stateAfterApply(live: LiveObject | undefined, appliedGeneration: number | undefined): { revision?: string; updateRevision?: string; paused?: boolean } {
  const observed = live?.status?.observedGeneration;
  const seen = typeof observed === 'number' && appliedGeneration !== undefined && observed >= appliedGeneration;
  const revision = seen ? live?.metadata.annotations?.[REVISION_ANNOTATION] : undefined;
  const updateRevision = live?.status?.updateRevision;
  return { ...(revision ? { revision } : {}), ...(typeof updateRevision === 'string' ? { updateRevision } : {}), ...(live?.spec?.paused === true ? { paused: true } : {}) };
}

const RESOURCE: Record<string, string> = { Deployment: 'deployment', StatefulSet: 'statefulset', DaemonSet: 'daemonset' };

/**
 * Returns one workload to where it stood before the deploy. A Deployment goes back to the
 * revision recorded before apply (plain `undo` would pick the second newest, which is wrong after a
 * failed deploy that followed another). A workload that did not exist is deleted only when asked.
 * Only the pod template is restored: ConfigMaps, Services and the like keep the new version.
 */
export async function rollBack(kubectl: Pick<Kubectl, 'run' | 'getJson'>, before: WorkloadState, after: { generation?: number; revision?: string; updateRevision?: string; paused?: boolean }, options: { deleteNew: boolean; logger: Logger; appliedAs?: AppliedAs }): Promise<RollbackOutcome> {
  const base = { kind: before.kind, name: before.name, namespace: before.namespace };
  const resource = `${RESOURCE[before.kind] ?? before.kind.toLowerCase()}/${before.name}`;
  if (!before.existed) {
    if (!options.deleteNew) return { ...base, action: 'left', message: 'new in this deploy: nothing to roll back to; left in place (delete-new-on-failure deletes it)' };
    const result = await kubectl.run(['delete', resource, '-n', before.namespace, '--wait=false'], { allowFailure: true });
    return result.exitCode === 0
      ? { ...base, action: 'deleted', message: 'new in this deploy: deleted' }
      : { ...base, action: 'failed', message: `delete failed: ${result.stderr.trim()}` };
  }
  if (before.kind === 'Deployment' && after.paused && !options.appliedAs) {
    // kubectl refuses to undo a paused Deployment; its new template waits there for a resume.
    return { ...base, action: 'failed', message: 'paused: rollout undo refuses a paused Deployment, so the new template stays (nothing of it rolled out); resume or re-apply by hand' };
  }
  // A paused Deployment took the new template without a new revision: it still has to go back.
  if (before.kind === 'Deployment' && before.revision && after.revision === before.revision && !after.paused) {
    return { ...base, action: 'unchanged', message: `still at revision ${before.revision}: this deploy did not change its pods` };
  }
  if (before.kind === 'Deployment' && before.revision && options.appliedAs) return applyRecordedRevision(kubectl, { ...before, revision: before.revision }, options.appliedAs, options.logger);
  if (before.kind !== 'Deployment' && before.template && options.appliedAs) {
    const outcome = await applyTemplate(kubectl, before, options.appliedAs, before.template, 'the template it had before this deploy', options.logger);
    if (outcome.action === 'rolled-back') await deleteFailedRevisionPods(kubectl, before, after, options.logger);
    return outcome;
  }
  const args = ['rollout', 'undo', resource, '-n', before.namespace];
  if (before.kind === 'Deployment' && before.revision) args.push(`--to-revision=${before.revision}`);
  const result = await kubectl.run(args, { allowFailure: true });
  if (result.exitCode !== 0) {
    const text = result.stderr.trim();
    const why = /unable to find specified revision/.test(text)
      ? `revision ${before.revision ?? '?'} is gone (revisionHistoryLimit pruned its ReplicaSet)`
      : text;
    options.logger.error(`Rollback of ${resource} failed: ${why}`);
    return { ...base, action: 'failed', message: `rollback failed: ${why}` };
  }
  await deleteFailedRevisionPods(kubectl, before, after, options.logger);
  options.logger.warning(`Rolled ${resource} back${before.revision ? ` to revision ${before.revision}` : ''}`);
  return { ...base, action: 'rolled-back', message: result.stdout.trim() || 'rolled back', ...(before.revision ? { toRevision: before.revision } : {}) };
}

const HASH_LABEL = 'pod-template-hash';

/**
 * A Deployment rolled back by applying the recorded revision's template (from its ReplicaSet)
 * server-side with this deploy's own field manager. `rollout undo` would write it as an Update by
 * "kubectl", which would then own every field it changed (shared even after a forced re-apply of
 * the same values), so the next deploy's apply would conflict. The controller reuses the old
 * ReplicaSet under a new revision number, exactly as after `undo`.
 */
async function applyRecordedRevision(kubectl: Pick<Kubectl, 'run' | 'getJson'>, before: WorkloadState & { revision: string }, appliedAs: AppliedAs, logger: Logger): Promise<RollbackOutcome> {
  const base = { kind: before.kind, name: before.name, namespace: before.namespace };
  const replicaSets = await kubectl.getJson<{ items: LiveObject[] }>(['replicasets.apps', '-n', before.namespace]);
  const old = replicaSets.items.find((rs) =>
    rs.metadata.annotations?.[REVISION_ANNOTATION] === before.revision &&
    (rs.metadata.ownerReferences ?? []).some((o) => o.controller === true && o.kind === 'Deployment' && o.name === before.name));
  if (!old) {
    const why = `revision ${before.revision} is gone (revisionHistoryLimit pruned its ReplicaSet)`;
    logger.error(`Rollback of deployment/${before.name} failed: ${why}`);
    return { ...base, action: 'failed', message: `rollback failed: ${why}` };
  }
  const template = structuredClone((old.spec?.template ?? {}) as { metadata?: { labels?: Record<string, string> } });
  if (template.metadata?.labels) delete template.metadata.labels[HASH_LABEL];
  const outcome = await applyTemplate(kubectl, before, appliedAs, template, `the template of revision ${before.revision} (ReplicaSet ${old.metadata.name})`, logger);
  return outcome.action === 'rolled-back' ? { ...outcome, toRevision: before.revision } : outcome;
}

/**
 * The workload as this deploy applied it, with `template` in place of the new one, applied
 * server-side by the deploy's own field manager (taking the fields back from whoever changed them).
 */
async function applyTemplate(kubectl: Pick<Kubectl, 'run'>, before: WorkloadState, appliedAs: AppliedAs, template: unknown, what: string, logger: Logger): Promise<RollbackOutcome> {
  const base = { kind: before.kind, name: before.name, namespace: before.namespace };
  const ref = `${RESOURCE[before.kind] ?? before.kind.toLowerCase()}/${before.name}`;
  const spec = (appliedAs.object.spec ?? {}) as Record<string, unknown>;
  try {
    await applyObjects(kubectl, [{ ...appliedAs.object, spec: { ...spec, template } }], { ...appliedAs.apply, forceConflicts: true, dryRun: false });
  } catch (error) {
    logger.error(`Rollback of ${ref} failed: ${(error as Error).message}`);
    return { ...base, action: 'failed', message: `rollback failed: ${(error as Error).message}` };
  }
  logger.warning(`Rolled ${ref} back to ${what} (applied by field manager ${appliedAs.apply.fieldManager})`);
  return { ...base, action: 'rolled-back', message: `rolled back to ${what}, applied by field manager ${appliedAs.apply.fieldManager}` };
}

/**
 * A StatefulSet does not replace a pod of the bad revision that never got ready; Kubernetes
 * documents deleting them by hand after reverting the template ("forced rollback").
 */
async function deleteFailedRevisionPods(kubectl: Pick<Kubectl, 'run'>, before: WorkloadState, after: { updateRevision?: string }, logger: Logger): Promise<void> {
  if (before.kind !== 'StatefulSet' || !after.updateRevision) return;
  const deleted = await kubectl.run(['delete', 'pods', '-n', before.namespace, '-l', `controller-revision-hash=${after.updateRevision}`, '--wait=false'], { allowFailure: true });
  if (deleted.exitCode !== 0) logger.warning(`Could not delete the pods of the failed StatefulSet revision: ${deleted.stderr.trim()}`);
}
