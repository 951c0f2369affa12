import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { extractTypes, type TypeReference } from './documents.js';
import { findYamlFiles } from './files.js';
import { judgeApi } from './removed-apis.js';

export interface ManifestFinding {
  /** Relative to the scan root, with forward slashes. */
  file: string;
  line: number;
  apiVersion: string;
  kind: string;
  status: 'removed' | 'deprecated';
  /** The Kubernetes version that removed or deprecated it. */
  since: string;
  replacement?: string;
  replacementNotYetServed?: boolean;
}

export interface ManifestScan {
  targetVersion: string;
  files: number;
  documents: number;
  findings: ManifestFinding[];
  /** Helm templates and broken YAML, scanned line by line: what was left out, said plainly. */
  templated: { file: string; skippedLines: number; templatedTypes: number; parseError?: string }[];
}

export interface ScanOptions {
  root: string;
  /** Files or directories; default the whole root. */
  paths?: readonly string[];
}

/** The types found in the repository's YAML, read once and judged per target version. */
export interface ManifestTypes {
  files: number;
  documents: number;
  references: { file: string; references: TypeReference[] }[];
  templated: ManifestScan['templated'];
}

export async function collectManifestTypes(options: ScanOptions): Promise<ManifestTypes> {
  const files = await findYamlFiles(options.root, options.paths ?? []);
  const collected: ManifestTypes = { files: 0, documents: 0, references: [], templated: [] };
  for (const absolute of files) {
    const file = path.relative(options.root, absolute).split(path.sep).join('/');
    const result = extractTypes(await readFile(absolute, 'utf8'));
    collected.files++;
    collected.documents += result.documents;
    if (result.skippedTemplateLines > 0 || result.parseError) {
      collected.templated.push({ file, skippedLines: result.skippedTemplateLines, templatedTypes: result.templatedTypes, ...(result.parseError ? { parseError: result.parseError } : {}) });
    }
    if (result.references.length > 0) collected.references.push({ file, references: result.references });
  }
  return collected;
}

/** Judges collected types against `targetVersion`; `currentVersion` says whether a replacement is served yet. */
export function judgeManifests(types: ManifestTypes, targetVersion: string, currentVersion?: string): ManifestScan {
  return {
    targetVersion,
    files: types.files,
    documents: types.documents,
    findings: types.references.flatMap((r) => judgeReferences(r.file, r.references, targetVersion, currentVersion)),
    templated: types.templated,
  };
}

/** Every apiVersion/kind in the repository's YAML, judged against the target Kubernetes version. */
export async function scanManifests(options: ScanOptions & { targetVersion: string; currentVersion?: string }): Promise<ManifestScan> {
  return judgeManifests(await collectManifestTypes(options), options.targetVersion, options.currentVersion);
}

export function judgeReferences(file: string, references: readonly TypeReference[], target: string, current?: string): ManifestFinding[] {
  const findings: ManifestFinding[] = [];
  for (const ref of references) {
    const verdict = judgeApi(ref.apiVersion, ref.kind, target, current);
    if (!verdict) continue;
    findings.push({
      file,
      line: ref.line,
      apiVersion: ref.apiVersion,
      kind: ref.kind,
      status: verdict.status,
      since: verdict.since,
      ...(verdict.replacement ? { replacement: verdict.replacement } : {}),
      ...(verdict.replacementNotYetServed ? { replacementNotYetServed: true } : {}),
    });
  }
  return findings;
}
