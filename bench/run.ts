/**
 * `npm run bench`: every benchmark, one run, results written to bench/results/ (linked from the
 * README). Sandbox benchmarks run as their own processes so their servers do not skew the lint
 * timings. `npm run bench -- lint` (or another section's script path) runs only those sections
 * and replaces just them in the existing results.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lintBenchMarkdown, runLintBench } from './lint.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const resultsDir = path.join(root, 'bench/results');
mkdirSync(resultsDir, { recursive: true });

const today = new Date().toISOString().slice(0, 10);
const machine = `Node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'})`;
const sections: string[] = ['# Benchmarks', '', `Run on ${today} with ${machine}. Regenerate with \`npm run bench\`.`, ''];

// Benchmarks that live beside their package; each prints Markdown on stdout.
const SCRIPTS = ['bench/lint-scale.ts', 'packages/sandbox/bench/start.ts', 'packages/sandbox/bench/kube.ts', 'bench/scan-gate.ts', 'packages/eks/bench/version-drift.ts', 'bench/build-push.ts', 'bench/deploy.ts', 'bench/startup.ts'];
const only = process.argv.slice(2);
const selected = (name: string): boolean => only.length === 0 || only.includes(name);
// Each section's Markdown, in the order of a full run; a section not run keeps its last results.
const results = new Map<string, string>();

if (selected('lint')) {
  console.log('lint: generating corpus and timing four tools…');
  const lint = await runLintBench();
  writeFileSync(path.join(resultsDir, 'lint.json'), JSON.stringify(lint, null, 2) + '\n');
  results.set('lint', lintBenchMarkdown(lint) + (only.length > 0 ? `\nThis section re-run alone on ${today} with ${machine} (\`npm run bench -- lint\`).\n` : ''));
}

for (const script of SCRIPTS) {
  if (!selected(script) || !existsSync(path.join(root, script))) continue;
  console.log(`${script}…`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: root, encoding: 'utf8', timeout: 600_000 });
  results.set(script, run.status === 0 ? run.stdout.trim() + '\n' : `## ${script}\n\nFailed (exit ${run.status}):\n\n\`\`\`\n${(run.stderr || run.stdout).slice(-2000)}\n\`\`\`\n`);
}

const readmePath = path.join(resultsDir, 'README.md');
const markdown = only.length === 0 ? [...sections, ...results.values()].join('\n') : replaceSections(readFileSync(readmePath, 'utf8'), results);
writeFileSync(readmePath, markdown);
console.log(markdown);

/**
 * The results file with the given sections replaced, each found by its `## ` heading and running
 * to the next one.
 */
function replaceSections(previous: string, replaced: Map<string, string>): string {
  let markdown = previous;
  for (const [name, section] of replaced) {
    const heading = section.split('\n', 1)[0] ?? '';
    const start = heading.startsWith('## ') ? markdown.indexOf(`\n${heading}\n`) : -1;
    if (start === -1) {
      // A section new since the last full run goes at the end.
      if (!heading.startsWith('## ')) throw new Error(`${name}: its output has no "## " heading to place it by`);
      markdown = `${markdown.trimEnd()}\n\n${section.trimEnd()}\n`;
      continue;
    }
    const next = markdown.indexOf('\n## ', start + heading.length + 2);
    const end = next === -1 ? markdown.length : next;
    markdown = `${markdown.slice(0, start + 1)}${section.trimEnd()}\n${markdown.slice(end)}`;
  }
  return markdown;
}
