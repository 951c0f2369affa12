import { CommandError } from '@eks-kit/core';
import type { Kubectl } from './kubectl.js';
import { explainKubectlError } from './kubectl.js';
import { isFoundation } from './manifests/scope.js';
import type { KubeObject, Manifest } from './manifests/types.js';
import type { LiveObject } from './verify/live.js';

export interface ApplyOptions {
  serverSide: boolean;
  fieldManager: string;
  /** Take over fields another manager owns (server-side only). */
  forceConflicts?: boolean;
  dryRun?: boolean;
}

export const DEFAULT_FIELD_MANAGER = 'eks-kit';

function applyArgs(options: ApplyOptions): string[] {
  const args = ['apply', '-f', '-', '-o', 'json'];
  if (options.serverSide) {
    args.push('--server-side', `--field-manager=${options.fieldManager}`);
    if (options.forceConflicts) args.push('--force-conflicts');
  }
  if (options.dryRun) args.push('--dry-run=server');
  return args;
}

/** The objects go to kubectl on stdin as one JSON List, in the order given. */
function listOf(objects: readonly KubeObject[]): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects });
}

/**
 * One `kubectl apply` of the given objects; the live objects it returns. With `ready`, kubectl
 * starts at once and gets the objects once `ready` resolves (and is stopped if it rejects).
 */
export async function applyObjects(kubectl: Pick<Kubectl, 'run'>, objects: readonly KubeObject[], options: ApplyOptions, ready?: Promise<void>): Promise<LiveObject[]> {
  if (objects.length === 0) return [];
  const result = await kubectl.run(applyArgs(options), { input: ready ? ready.then(() => listOf(objects)) : listOf(objects), allowFailure: true });
  if (result.exitCode !== 0) {
    const hint = explainKubectlError(result.stderr);
    throw new CommandError('kubectl', result.exitCode, result.stderr, `kubectl apply failed: ${errorText(result.stderr)}${hint ? ` — ${hint}` : ''}`);
  }
  const parsed = JSON.parse(result.stdout) as LiveObject | { items: LiveObject[] };
  return 'items' in parsed ? parsed.items : [parsed];
}

/** Applies objects in the order given and returns them as the server stored them. */
export type ApplyObjects = (objects: readonly KubeObject[], ready?: Promise<void>) => Promise<LiveObject[]>;

/** Each apply one `kubectl apply` (see applyObjects). */
export function kubectlApplier(kubectl: Pick<Kubectl, 'run'>, options: ApplyOptions): ApplyObjects {
  return (objects, ready) => applyObjects(kubectl, objects, options, ready);
}

/**
 * The manifests applied in the given order. kubectl maps every object before it sends any, and so
 * does the in-process apply: a namespace that does not exist yet does not disturb that (the
 * Namespace, sorted first, is created first). Custom resources can only be mapped once their CRD
 * is served, so CRDs (and Namespaces) go first in their own apply, and `beforeRest` (the wait for
 * them to be Established) runs between the two. `ready` holds the first apply's objects back.
 */
export async function applyManifests(apply: ApplyObjects, sorted: readonly Manifest[], beforeRest?: (foundation: LiveObject[]) => Promise<void>, ready?: Promise<void>): Promise<LiveObject[]> {
  if (!sorted.some((m) => m.object.kind === 'CustomResourceDefinition')) return apply(sorted.map((m) => m.object), ready);
  const foundation = await apply(sorted.filter((m) => isFoundation(m.object)).map((m) => m.object), ready);
  await beforeRest?.(foundation);
  return [...foundation, ...(await apply(sorted.filter((m) => !isFoundation(m.object)).map((m) => m.object)))];
}

export interface DiffResult {
  changed: boolean;
  diff: string;
}

/** `kubectl diff` (server-side dry run): exit 0 no change, 1 changes, above that an error. */
export async function diffManifests(kubectl: Pick<Kubectl, 'run'>, sorted: readonly Manifest[], options: ApplyOptions): Promise<DiffResult> {
  const args = ['diff', '-f', '-', ...(options.serverSide ? ['--server-side', `--field-manager=${options.fieldManager}`, ...(options.forceConflicts ? ['--force-conflicts'] : [])] : [])];
  const result = await kubectl.run(args, { input: listOf(sorted.map((m) => m.object)), allowFailure: true });
  if (result.exitCode > 1) {
    const hint = explainKubectlError(result.stderr);
    throw new CommandError('kubectl', result.exitCode, result.stderr, `kubectl diff failed: ${errorText(result.stderr)}${hint ? ` — ${hint}` : ''}`);
  }
  return { changed: result.exitCode === 1, diff: result.stdout };
}

/**
 * What kubectl said, short enough for one line: a server-side apply conflict in full (every field
 * and the manager that owns it, without the advice that follows), otherwise the last lines.
 */
export function errorText(stderr: string): string {
  const lines = stderr.trim().split('\n').filter((l) => l.trim() !== '');
  const conflict = lines.findIndex((l) => /Apply failed with \d+ conflicts?/.test(l));
  if (conflict >= 0) {
    const advice = lines.findIndex((l, i) => i > conflict && /^Please review the fields above/.test(l));
    return lines.slice(conflict, advice < 0 ? undefined : advice).map((l) => l.trim()).join(' ');
  }
  return lines.slice(-3).join(' | ');
}
