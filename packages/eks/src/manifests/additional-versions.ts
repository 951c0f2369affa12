import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '@eks-kit/core';
import { isMap, isSeq, LineCounter, parseDocument, type YAMLMap } from 'yaml';
import type { ApiLifecycle } from './removed-apis.js';

export interface AdditionalVersions {
  apis: ApiLifecycle[];
  /** Entries of another component than k8s (pluto's cert-manager, istio…): not judged against a cluster version. */
  ignored: number;
}

const KEYS = ['version', 'kind', 'deprecated-in', 'removed-in', 'replacement-api', 'replacement-available-in', 'component'];

/**
 * A versions file in pluto's format: `deprecated-versions:` a list of `version` (the apiVersion),
 * `kind`, `deprecated-in`, `removed-in`, `replacement-api`, `replacement-available-in` (versions as
 * `v1.16.0` or `1.16`, empty for none) and `component` (default k8s). A mistake is one InputError
 * naming `label` and the line.
 */
export function parseAdditionalVersions(text: string, label: string): AdditionalVersions {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) throw new InputError(label, `line ${doc.errors[0]!.linePos?.[0].line ?? '?'}: not valid YAML (${doc.errors[0]!.message.split('\n')[0]})`);
  const list = isMap(doc.contents) ? doc.contents.get('deprecated-versions', true) : undefined;
  if (!isSeq(list)) throw new InputError(label, 'expected a mapping with a `deprecated-versions:` list (pluto\'s versions file format)');
  const apis: ApiLifecycle[] = [];
  let ignored = 0;
  for (const item of list.items) {
    const line = lineCounter.linePos((item as { range?: [number] }).range?.[0] ?? 0).line;
    const at = (message: string) => new InputError(label, `line ${line}: ${message}`);
    if (!isMap(item)) throw at('each entry must be a mapping with version and kind');
    const field = (key: string): string | undefined => {
      const value = (item as YAMLMap).get(key);
      if (value === null || value === undefined || value === '') return undefined;
      if (typeof value !== 'string' && typeof value !== 'number') throw at(`${key} must be text, got ${JSON.stringify(value)}`);
      return String(value);
    };
    const unknown = (item as YAMLMap).items.map((p) => String((p.key as { value?: unknown })?.value ?? p.key)).filter((k) => !KEYS.includes(k));
    if (unknown.length > 0) throw at(`unknown key ${unknown.join(', ')} (known: ${KEYS.join(', ')})`);
    const apiVersion = field('version');
    const kind = field('kind');
    if (!apiVersion || !/^([a-z0-9.-]+\/)?v\d+[a-z0-9]*$/.test(apiVersion)) throw at(`version must be an apiVersion like apps/v1beta1, got ${JSON.stringify(apiVersion ?? '')}`);
    if (!kind || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) throw at(`kind must be a Kubernetes kind like Deployment, got ${JSON.stringify(kind ?? '')}`);
    const component = field('component') ?? 'k8s';
    const minor = (key: string): string | null => {
      const value = field(key);
      if (value === undefined) return null;
      const m = /^v?(\d+)\.(\d+)(\.\d+)?$/.exec(value);
      if (!m) throw at(`${key} must be a version like v1.16.0 or 1.16, got ${JSON.stringify(value)}`);
      return `${Number(m[1])}.${Number(m[2])}`;
    };
    const entry: ApiLifecycle = {
      apiVersion,
      kind,
      deprecatedIn: minor('deprecated-in'),
      removedIn: minor('removed-in'),
      replacement: field('replacement-api') ?? null,
      replacementAvailableIn: minor('replacement-available-in'),
      component,
    };
    if (!entry.deprecatedIn && !entry.removedIn) throw at(`${apiVersion} ${kind} has neither deprecated-in nor removed-in`);
    if (component === 'k8s') apis.push(entry);
    else ignored++;
  }
  return { apis, ignored };
}

/** Reads and parses a versions file relative to `root`; a file that cannot be read is an InputError too. */
export async function loadAdditionalVersions(root: string, file: string, label: string): Promise<AdditionalVersions> {
  let text: string;
  try {
    text = await readFile(path.resolve(root, file), 'utf8');
  } catch (error) {
    throw new InputError(label, `cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  return parseAdditionalVersions(text, label);
}
