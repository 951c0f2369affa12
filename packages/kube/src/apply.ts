import { CommandError } from '@eks-kit/core';
import type { Kubectl } from './kubectl.js';
import { explainKubectlError } from './kubectl.js';
import { isFoundation } from './manifests/scope.js';
import type { Manifest } from './manifests/types.js';
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
function listOf(manifests: readonly Manifest[]): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'List', items: manifests.map((m) => m.object) });
}

async function applyBatch(kubectl: Pick<Kubectl, 'run'>, manifests: readonly Manifest[], options: ApplyOptions): Promise<LiveObject[]> {
  if (manifests.length === 0) return [];
  const result = await kubectl.run(applyArgs(options), { input: listOf(manifests), allowFailure: true });
  if (result.exitCode !== 0) {
    const hint = explainKubectlError(result.stderr);
    throw new CommandError('kubectl', result.exitCode, result.stderr, `kubectl apply failed: ${lastLines(result.stderr)}${hint ? ` — ${hint}` : ''}`);
  }
  const parsed = JSON.parse(result.stdout) as LiveObject | { items: LiveObject[] };
  return 'items' in parsed ? parsed.items : [parsed];
}

/** Namespaces and CRDs first, so the rest can be mapped; then everything else in apply order. */
export async function applyManifests(kubectl: Pick<Kubectl, 'run'>, sorted: readonly Manifest[], options: ApplyOptions): Promise<LiveObject[]> {
  const foundation = sorted.filter((m) => isFoundation(m.object));
  const rest = sorted.filter((m) => !isFoundation(m.object));
  return [...(await applyBatch(kubectl, foundation, options)), ...(await applyBatch(kubectl, rest, options))];
}

export interface DiffResult {
  changed: boolean;
  diff: string;
}

/** `kubectl diff` (server-side dry run): exit 0 no change, 1 changes, above that an error. */
export async function diffManifests(kubectl: Pick<Kubectl, 'run'>, sorted: readonly Manifest[], options: ApplyOptions): Promise<DiffResult> {
  const args = ['diff', '-f', '-', ...(options.serverSide ? ['--server-side', `--field-manager=${options.fieldManager}`, ...(options.forceConflicts ? ['--force-conflicts'] : [])] : [])];
  const result = await kubectl.run(args, { input: listOf(sorted), allowFailure: true });
  if (result.exitCode > 1) {
    const hint = explainKubectlError(result.stderr);
    throw new CommandError('kubectl', result.exitCode, result.stderr, `kubectl diff failed: ${lastLines(result.stderr)}${hint ? ` — ${hint}` : ''}`);
  }
  return { changed: result.exitCode === 1, diff: result.stdout };
}

function lastLines(stderr: string): string {
  return stderr.trim().split('\n').filter(Boolean).slice(-3).join(' | ');
}
