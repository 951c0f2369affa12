import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CommandRunner } from '@eks-kit/core';
import { extractTypes, type TypeReference } from './documents.js';
import { findYamlFiles } from './files.js';
import { chartDirectories, isChartTemplate, renderChart, type ChartRender } from './helm.js';
import { judgeApi, type ApiLifecycle } from './removed-apis.js';

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
  charts: ChartRender[];
}

export interface ScanOptions {
  root: string;
  /** Files or directories; default the whole root. */
  paths?: readonly string[];
  /** Runs `helm template` for charts; without it templates are line-scanned. */
  runner?: CommandRunner;
  /** Why charts are not rendered when there is no runner (said in the report). */
  noRenderReason?: string;
}

/** The types found in the repository's YAML, read once and judged per target version. */
export interface ManifestTypes {
  files: number;
  documents: number;
  references: { file: string; references: TypeReference[] }[];
  templated: ManifestScan['templated'];
  charts: ChartRender[];
}

export async function collectManifestTypes(options: ScanOptions): Promise<ManifestTypes> {
  const files = await findYamlFiles(options.root, options.paths ?? []);
  const collected: ManifestTypes = { files: 0, documents: 0, references: [], templated: [], charts: [] };
  const relative = (absolute: string) => path.relative(options.root, absolute).split(path.sep).join('/');
  // Rendered charts: their templates are judged as Helm renders them, not line by line.
  const renderedCharts: string[] = [];
  for (const chart of chartDirectories(files)) {
    if (!options.runner) {
      collected.charts.push({ chart: relative(chart), rendered: false, reason: options.noRenderReason ?? 'rendering not requested' });
      continue;
    }
    try {
      const rendered = await renderChart(options.runner, chart, options.root, (f) => readFile(f, 'utf8').catch(() => undefined));
      renderedCharts.push(chart);
      collected.charts.push({ chart: relative(chart), rendered: true });
      collected.documents += rendered.documents;
      for (const [file, references] of rendered.byFile) collected.references.push({ file, references });
    } catch (error) {
      collected.charts.push({ chart: relative(chart), rendered: false, reason: (error as Error).message.split('\n')[0] ?? 'helm template failed' });
    }
  }
  for (const absolute of files) {
    const file = relative(absolute);
    if (renderedCharts.some((chart) => isChartTemplate(absolute, chart))) {
      collected.files++;
      continue;
    }
    const result = extractTypes(await readFile(absolute, 'utf8'));
    collected.files++;
    collected.documents += result.documents;
    if (result.skippedTemplateLines > 0 || result.parseError) {
      collected.templated.push({ file, skippedLines: result.skippedTemplateLines, templatedTypes: result.templatedTypes, ...(result.parseError ? { parseError: result.parseError } : {}) });
    }
    if (result.references.length > 0) collected.references.push({ file, references: result.references });
  }
  collected.references.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return collected;
}

/** Judges collected types against `targetVersion`; `currentVersion` says whether a replacement is served yet. */
export function judgeManifests(types: ManifestTypes, targetVersion: string, currentVersion?: string, additional: readonly ApiLifecycle[] = []): ManifestScan {
  return {
    targetVersion,
    files: types.files,
    documents: types.documents,
    findings: types.references.flatMap((r) => judgeReferences(r.file, r.references, targetVersion, currentVersion, additional)),
    templated: types.templated,
    charts: types.charts,
  };
}

/** Every apiVersion/kind in the repository's YAML, judged against the target Kubernetes version. */
export async function scanManifests(options: ScanOptions & { targetVersion: string; currentVersion?: string }): Promise<ManifestScan> {
  return judgeManifests(await collectManifestTypes(options), options.targetVersion, options.currentVersion);
}

export function judgeReferences(file: string, references: readonly TypeReference[], target: string, current?: string, additional: readonly ApiLifecycle[] = []): ManifestFinding[] {
  const findings: ManifestFinding[] = [];
  for (const ref of references) {
    const verdict = judgeApi(ref.apiVersion, ref.kind, target, current, additional);
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
