/**
 * `npm run demo`: runs the real action bundles, in pipeline order, on the example services, the way
 * the Actions runner runs them. Prints an account as it goes, writes each step's job summary to
 * demo-output/, and exits non-zero when a step did not behave as designed (a step that is designed
 * to fail, like linting the legacy Dockerfile, must fail).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, runBundle, type BundleRun } from '../../test/harness/run-bundle.js';
import { renderReport } from './report.js';

export interface DemoStep {
  title: string;
  action: string;
  inputs: Record<string, string>;
  /** Returns what was wrong with the run, or undefined when it behaved as designed. */
  check: (run: BundleRun) => string | undefined;
}

const outputDir = path.join(repoRoot, 'demo-output');

const steps: DemoStep[] = [
  {
    title: 'lint the example service (expected: pass)',
    action: 'lint',
    inputs: { dockerfiles: 'examples/shop-api/Dockerfile', 'failure-threshold': 'warning' },
    check: (run) => (run.exitCode === 0 && run.outputs.result === 'pass' ? undefined : `expected a pass, got exit ${run.exitCode}: ${run.failure ?? ''}`),
  },
  {
    title: 'lint a legacy Dockerfile (expected: fail with findings)',
    action: 'lint',
    inputs: { dockerfiles: 'examples/legacy-worker/Dockerfile', 'failure-threshold': 'warning', 'sarif-file': 'demo-output/legacy-worker.sarif' },
    check: (run) =>
      run.exitCode !== 0 && run.outputs.result === 'fail' && Number(run.outputs.total) > 0
        ? undefined
        : `expected the legacy Dockerfile to fail lint, got exit ${run.exitCode} with ${run.outputs.total ?? 0} findings`,
  },
];

async function main(): Promise<number> {
  rmSync(outputDir, { recursive: true, force: true });
  mkdirSync(outputDir, { recursive: true });
  const started = Date.now();
  const results: { step: DemoStep; run: BundleRun; problem?: string; seconds: number }[] = [];
  console.log(`eks-kit demo: ${steps.length} steps, summaries in ${path.relative(process.cwd(), outputDir) || outputDir}/\n`);

  for (const [index, step] of steps.entries()) {
    process.stdout.write(`▶ ${index + 1}/${steps.length} ${step.action}: ${step.title} … `);
    const t0 = Date.now();
    const run = await runBundle(step.action, { workspace: repoRoot, inputs: step.inputs });
    const seconds = (Date.now() - t0) / 1000;
    const problem = step.check(run);
    results.push({ step, run, problem, seconds });
    writeFileSync(path.join(outputDir, `${String(index + 1).padStart(2, '0')}-${step.action}.md`), run.summary);
    const verdict = run.exitCode === 0 ? 'passed' : `failed: ${run.failure ?? `exit ${run.exitCode}`}`;
    console.log(`${problem ? '✗' : '✓'} ${verdict} (${seconds.toFixed(1)} s)`);
    if (problem) console.log(`  not as designed: ${problem}\n${run.stderr.trim().split('\n').slice(-10).map((l) => `  | ${l}`).join('\n')}`);
  }

  writeFileSync(path.join(outputDir, 'report.md'), renderReport(results.map(({ step, run, problem, seconds }) => ({ title: step.title, action: step.action, summary: run.summary, asDesigned: !problem, problem, seconds, exitCode: run.exitCode }))));
  const failures = results.filter((r) => r.problem);
  const total = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\n${failures.length === 0 ? '✓ every step behaved as designed' : `✗ ${failures.length} step(s) did not behave as designed`} in ${total} s. Report: demo-output/report.md`);
  return failures.length === 0 ? 0 : 1;
}

process.exitCode = await main();
