import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from './repo-root.js';

export interface ActionMetadata {
  inputs: Record<string, { required?: boolean; default?: unknown } | null>;
  outputs: Record<string, unknown>;
}

/** The actions users reference as org/eks-kit/<name>: every root folder with an action.yml. */
export const ACTION_NAMES: string[] = readdirSync(repoRoot)
  .filter((name) => existsSync(path.join(repoRoot, name, 'action.yml')))
  .sort();

/** An action's inputs and outputs from <name>/action.yml (invalid YAML throws, failing the test). */
export function readAction(name: string): ActionMetadata {
  const metadata = parse(readFileSync(path.join(repoRoot, name, 'action.yml'), 'utf8')) as Partial<ActionMetadata>;
  return { inputs: metadata.inputs ?? {}, outputs: metadata.outputs ?? {} };
}

export function readActions(): Map<string, ActionMetadata> {
  return new Map(ACTION_NAMES.map((name) => [name, readAction(name)]));
}
