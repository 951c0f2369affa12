import type { Logger } from '@eks-kit/core';
import type { Kubectl } from './kubectl.js';
import type { WorkloadState } from './revisions.js';

export type RollbackAction = 'rolled-back' | 'deleted' | 'left' | 'unchanged' | 'failed';

export interface RollbackOutcome {
  kind: string;
  name: string;
  namespace: string;
  action: RollbackAction;
  message: string;
  toRevision?: string;
}

const RESOURCE: Record<string, string> = { Deployment: 'deployment', StatefulSet: 'statefulset', DaemonSet: 'daemonset' };

/**
 * Returns one workload to where it stood before the deploy. A Deployment goes back to the
 * revision recorded before apply (plain `undo` would pick the second newest, which is wrong after a
 * failed deploy that followed another). A workload that did not exist is deleted only when asked.
 * Only the pod template is restored: ConfigMaps, Services and the like keep the new version.
 */
export async function rollBack(kubectl: Pick<Kubectl, 'run'>, before: WorkloadState, after: { generation?: number; revision?: string; updateRevision?: string }, options: { deleteNew: boolean; logger: Logger }): Promise<RollbackOutcome> {
  const base = { kind: before.kind, name: before.name, namespace: before.namespace };
  const resource = `${RESOURCE[before.kind] ?? before.kind.toLowerCase()}/${before.name}`;
  if (!before.existed) {
    if (!options.deleteNew) return { ...base, action: 'left', message: 'new in this deploy: nothing to roll back to; left in place (delete-new-on-failure deletes it)' };
    const result = await kubectl.run(['delete', resource, '-n', before.namespace, '--wait=false'], { allowFailure: true });
    return result.exitCode === 0
      ? { ...base, action: 'deleted', message: 'new in this deploy: deleted' }
      : { ...base, action: 'failed', message: `delete failed: ${result.stderr.trim()}` };
  }
  if (before.kind === 'Deployment' && before.revision && after.revision === before.revision) {
    return { ...base, action: 'unchanged', message: `still at revision ${before.revision}: this deploy did not change its pods` };
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
  if (before.kind === 'StatefulSet' && after.updateRevision) {
    // A StatefulSet does not replace a pod of the bad revision that never got ready; Kubernetes
    // documents deleting them by hand after reverting the template ("forced rollback").
    const deleted = await kubectl.run(['delete', 'pods', '-n', before.namespace, '-l', `controller-revision-hash=${after.updateRevision}`, '--wait=false'], { allowFailure: true });
    if (deleted.exitCode !== 0) options.logger.warning(`Could not delete the pods of the failed StatefulSet revision: ${deleted.stderr.trim()}`);
  }
  options.logger.warning(`Rolled ${resource} back${before.revision ? ` to revision ${before.revision}` : ''}`);
  return { ...base, action: 'rolled-back', message: result.stdout.trim() || 'rolled back', ...(before.revision ? { toRevision: before.revision } : {}) };
}
