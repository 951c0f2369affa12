import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import type { CommandRunner } from '@eks-kit/core';
import { extractTypes, type TypeReference } from './documents.js';

export interface ChartRender {
  /** The chart directory, relative to the scan root. */
  chart: string;
  rendered: boolean;
  /** Why it was scanned line by line instead. */
  reason?: string;
}

export interface RenderedReferences {
  /** Template file (relative to the root) → the types it rendered. */
  byFile: Map<string, TypeReference[]>;
  documents: number;
}

/** Charts among the files: every directory holding a Chart.yaml. */
export function chartDirectories(files: readonly string[]): string[] {
  return files.filter((f) => path.basename(f) === 'Chart.yaml').map((f) => path.dirname(f));
}

/** Whether a file belongs to a chart's templates (its own or a bundled subchart's). */
export function isChartTemplate(file: string, chart: string): boolean {
  const relative = path.relative(chart, file);
  return !relative.startsWith('..') && /(^|\/)templates\//.test(relative.split(path.sep).join('/'));
}

/**
 * Renders a chart with its default values (`helm template`), and maps each rendered object back
 * to the template it came from through Helm's `# Source:` comments. The line is the template's
 * `apiVersion:` line when it has one that matches.
 */
export async function renderChart(runner: CommandRunner, chartDir: string, root: string, readTemplate: (file: string) => Promise<string | undefined>): Promise<RenderedReferences> {
  const { stdout } = await runner.run('helm', ['template', 'eks-kit-scan', chartDir], { cwd: root, timeoutMs: 60_000 });
  const byFile = new Map<string, TypeReference[]>();
  let documents = 0;
  for (const doc of stdout.split(/^---\s*$/m)) {
    const source = /^# Source: [^/\n]+\/(.+)$/m.exec(doc)?.[1];
    const { references, documents: count } = extractTypes(doc);
    documents += count;
    if (!source || references.length === 0) continue;
    const file = path.relative(root, path.join(chartDir, source)).split(path.sep).join('/');
    const template = (await readTemplate(path.join(chartDir, source))) ?? '';
    const lines = template.split(/\r?\n/);
    const list = byFile.get(file) ?? [];
    for (const ref of references) {
      const exact = lines.findIndex((l) => new RegExp(`^apiVersion:\\s*["']?${escape(ref.apiVersion)}["']?\\s*$`).test(l));
      const any = lines.findIndex((l) => /^apiVersion:/.test(l));
      list.push({ ...ref, line: (exact >= 0 ? exact : any >= 0 ? any : 0) + 1 });
    }
    byFile.set(file, list);
  }
  return { byFile, documents };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * Whether a program is on PATH. Checked before spawning helm: a spawn that fails with ENOENT
 * leaves its kill timer armed, which would hold the process open until the timeout.
 */
export async function isOnPath(program: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    try {
      await access(path.join(dir, program), constants.X_OK);
      return true;
    } catch {
      /* not in this directory */
    }
  }
  return false;
}
