/**
 * `npm run bench`: every benchmark, one run, results written to bench/results/ (linked from the
 * README). Sandbox benchmarks run as their own processes so their servers do not skew the lint
 * timings.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lintBenchMarkdown, runLintBench } from './lint.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const resultsDir = path.join(root, 'bench/results');
mkdirSync(resultsDir, { recursive: true });

const sections: string[] = [
  '# Benchmarks',
  '',
  `Run on ${new Date().toISOString().slice(0, 10)} with Node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}). Regenerate with \`npm run bench\`.`,
  '',
];

console.log('lint: generating corpus and timing four tools…');
const lint = await runLintBench();
writeFileSync(path.join(resultsDir, 'lint.json'), JSON.stringify(lint, null, 2) + '\n');
sections.push(lintBenchMarkdown(lint));

// Benchmarks that live beside their package; each prints Markdown on stdout.
for (const script of ['packages/sandbox/bench/start.ts', 'packages/sandbox/bench/kube.ts', 'bench/scan-gate.ts', 'packages/eks/bench/version-drift.ts', 'bench/build-push.ts', 'bench/deploy.ts']) {
  if (!existsSync(path.join(root, script))) continue;
  console.log(`${script}…`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: root, encoding: 'utf8', timeout: 300_000 });
  sections.push(run.status === 0 ? run.stdout.trim() + '\n' : `## ${script}\n\nFailed (exit ${run.status}):\n\n\`\`\`\n${(run.stderr || run.stdout).slice(-2000)}\n\`\`\`\n`);
}

const markdown = sections.join('\n');
writeFileSync(path.join(resultsDir, 'README.md'), markdown);
console.log(markdown);
