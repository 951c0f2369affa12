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
const header = `Run on ${today} with ${machine}. Regenerate with \`npm run bench\`.`;
const sections: string[] = ['# Benchmarks', '', header, ''];
/** Said at the end of a section run alone, so the file's first line can keep the last full run's date. */
const aloneNote = (name: string, load: number) =>
  `\nThis section re-run alone on ${today} with ${machine}, load average ${load.toFixed(1)} as it started (other processes inflate absolute times; compare the ratios) (\`npm run bench -- ${name}\`).\n`;

// Benchmarks that live beside their package; each prints Markdown on stdout.
const SCRIPTS = ['bench/lint-scale.ts', 'packages/sandbox/bench/start.ts', 'packages/sandbox/bench/kube.ts', 'bench/scan-gate.ts', 'packages/eks/bench/version-drift.ts', 'bench/build-push.ts', 'bench/deploy.ts', 'bench/startup.ts'];
const only = process.argv.slice(2);
const selected = (name: string): boolean => only.length === 0 || only.includes(name);
// Each section's Markdown, in the order of a full run; a section not run keeps its last results.
const results = new Map<string, string>();

if (selected('lint')) {
  const load = os.loadavg()[0] ?? 0;
  console.log('lint: generating corpus and timing four tools…');
  const lint = await runLintBench();
  writeFileSync(path.join(resultsDir, 'lint.json'), JSON.stringify(lint, null, 2) + '\n');
  results.set('lint', lintBenchMarkdown(lint) + (only.length > 0 ? aloneNote('lint', load) : ''));
}

for (const script of SCRIPTS) {
  if (!selected(script) || !existsSync(path.join(root, script))) continue;
  console.log(`${script}…`);
  const load = os.loadavg()[0] ?? 0;
  const run = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: root, encoding: 'utf8', timeout: 600_000 });
  const output = run.status === 0 ? run.stdout.trim() + '\n' : `## ${script}\n\nFailed (exit ${run.status}):\n\n\`\`\`\n${(run.stderr || run.stdout).slice(-2000)}\n\`\`\`\n`;
  results.set(script, output + (only.length > 0 ? aloneNote(script, load) : ''));
}

const readmePath = path.join(resultsDir, 'README.md');
const markdown = only.length === 0 ? [...sections, ...results.values()].join('\n') : partialHeader(replaceSections(readFileSync(readmePath, 'utf8'), results));
writeFileSync(readmePath, markdown);
console.log(markdown);

/**
 * After a partial run the first line names the last full run, not today: the sections run since
 * say so at their end.
 */
function partialHeader(markdown: string): string {
  return markdown.replace(/^(?:Run|Last full run) on (\S+) with (.+?)\.(?: Sections re-run alone since say so at their end\.)? Regenerate with `npm run bench`\.$/m, (_line, date: string, where: string) => `Last full run on ${date} with ${where}. Sections re-run alone since say so at their end. Regenerate with \`npm run bench\`.`);
}

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
