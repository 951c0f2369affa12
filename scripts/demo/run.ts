/**
 * `npm run demo`: starts the sandbox (ECR, EKS, STS, GitHub, a Kubernetes API, the real registry),
 * then runs the real action bundles in pipeline order on the example service, the way the Actions
 * runner runs them. Prints an account as it goes, writes each step's job summary to demo-output/,
 * renders them into one HTML report, checks that report in headless Chromium, and exits non-zero
 * when any step did not behave as designed.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSandbox } from '@eks-kit/sandbox';
import { privateBuildahEnv } from '../../test/harness/buildah-env.js';
import { repoRoot, runBundle, type BundleRun } from '../../test/harness/run-bundle.js';
import { buildBaseImage } from './base-image.js';
import { checkReportInBrowser } from './check-report.js';
import { renderHtmlReport } from './html-report.js';
import { GITHUB_REPOSITORY, PIPELINE, type DemoContext, type DemoStep } from './pipeline.js';
import { installed } from './programs.js';
import { renderMarkdownReport, type StepResult } from './report.js';
import { createRepository } from './repository.js';

const outputDir = path.join(repoRoot, 'demo-output');
const KEY_OUTPUTS: Record<DemoStep['action'], string[]> = {
  lint: ['result', 'errors', 'warnings', 'total'],
  'build-push': ['image', 'tags', 'size-delta-bytes'],
  'scan-gate': ['verdict', 'critical', 'high', 'findings', 'new-findings', 'fixed-findings'],
  'version-drift': ['status', 'current-version', 'days-left', 'blockers'],
  deploy: ['status', 'rolled-back', 'duration'],
};

async function preflight(): Promise<void> {
  const needed: [string, string[]][] = [
    ['buildah', ['version']],
    ['kubectl', ['version', '--client']],
    ['docker-registry', ['--version']],
    ['git', ['--version']],
    ['dpkg-query', ['--version']],
  ];
  const missing: string[] = [];
  for (const [program, args] of needed) if (!(await installed(program, args))) missing.push(program);
  if (missing.length > 0) throw new Error(`missing ${missing.join(', ')}: run \`npm run setup\` first (it installs them on Debian and Ubuntu)`);
}

function bundleEnv(ctx: DemoContext, step: DemoStep): NodeJS.ProcessEnv {
  return {
    ...ctx.sandbox.env,
    ...ctx.builderEnv,
    GITHUB_REPOSITORY,
    GITHUB_SHA: ctx.repository.sha,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REF_NAME: 'main',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_RUN_ID: '1',
    GITHUB_ACTOR: 'demo',
    ...step.event?.(ctx),
  };
}

async function runStep(step: DemoStep, ctx: DemoContext): Promise<{ run?: BundleRun; notes: string[]; problem?: string }> {
  const notes: string[] = [];
  try {
    const note = await step.before?.(ctx);
    if (note) notes.push(note);
    const options = { workspace: ctx.repository.dir, inputs: step.inputs(ctx), env: bundleEnv(ctx, step), timeoutMs: 300_000 };
    const run = await runBundle(step.action, options);
    ctx.outputs[step.id] = run.outputs;
    if (step.post) {
      const post = await runBundle(step.action, { ...options, entry: 'post.js', state: run.state });
      const lines = post.stdout.split('\n').filter((line) => line.trim() && !line.startsWith('::'));
      notes.push(`post step: ${lines.at(-1) ?? `exit ${post.exitCode}`}`);
      if (post.exitCode !== 0) return { run, notes, problem: `the post step failed: ${post.failure ?? post.stderr.trim().split('\n').at(-1) ?? ''}` };
    }
    const outcome = run.exitCode === 0 ? 'pass' : 'fail';
    if (outcome !== step.expected) {
      return { run, notes, problem: step.expected === 'pass' ? `expected a pass, got: ${run.failure ?? `exit ${run.exitCode}`}` : 'expected this step to fail, and it passed' };
    }
    return { run, notes, problem: await step.check(run, ctx) };
  } catch (error) {
    return { notes, problem: (error as Error).message };
  }
}

function printStep(step: DemoStep, result: StepResult): void {
  const mark = result.asDesigned ? '✓' : '✗';
  const outcome = result.outcome === 'passed' ? 'passed' : `failed${result.failure ? `: ${result.failure}` : ''}`;
  console.log(`  ${mark} ${outcome} (${result.seconds.toFixed(1)} s)${result.asDesigned && step.expected === 'fail' ? ' — as designed' : ''}`);
  const outputs = KEY_OUTPUTS[step.action].filter((name) => result.outputs[name] !== undefined).map((name) => `${name}=${result.outputs[name]}`);
  if (outputs.length > 0) console.log(`    ${outputs.join('  ')}`);
  for (const note of result.notes) console.log(`    ${note}`);
  if (result.problem) console.log(`    NOT AS DESIGNED: ${result.problem}${result.stderrTail ? `\n${result.stderrTail.split('\n').map((l) => `    | ${l}`).join('\n')}` : ''}`);
}

async function main(): Promise<number> {
  const started = Date.now();
  rmSync(outputDir, { recursive: true, force: true });
  mkdirSync(outputDir, { recursive: true });
  const scratch = mkdtempSync(path.join(tmpdir(), 'eks-kit-demo-'));
  console.log(`eks-kit demo: ${PIPELINE.length} steps on the example service shop-api, against the local sandbox\n`);

  await preflight();
  process.stdout.write('Starting the sandbox (registry, ECR, EKS, STS, GitHub, Kubernetes API) … ');
  const sandbox = await startSandbox({ kubeApi: { options: { speed: 20 } }, scanDelayMs: 2000 });
  const results: StepResult[] = [];
  let repositoryDir: string | undefined;
  try {
    console.log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const builderEnv = privateBuildahEnv(path.join(scratch, 'buildah'));
    process.stdout.write('Assembling a Node.js base image from this machine’s runtime (no Docker Hub here) … ');
    const baseImage = await buildBaseImage(builderEnv);
    console.log(baseImage.reference);
    const repository = await createRepository(path.join(repoRoot, 'examples'));
    repositoryDir = repository.dir;
    const ctx: DemoContext = { sandbox, repository, builderEnv, baseImage, scratch, outputs: {} };

    for (const [index, step] of PIPELINE.entries()) {
      console.log(`\n▶ ${index + 1}/${PIPELINE.length} ${step.action}: ${step.title} (expected: ${step.expected})`);
      const t0 = Date.now();
      const { run, notes, problem } = await runStep(step, ctx);
      const result: StepResult = {
        id: step.id,
        action: step.action,
        title: step.title,
        shows: step.shows,
        expected: step.expected,
        outcome: run?.exitCode === 0 ? 'passed' : 'failed',
        asDesigned: problem === undefined,
        ...(problem !== undefined ? { problem } : {}),
        ...(run?.failure ? { failure: run.failure } : {}),
        seconds: (Date.now() - t0) / 1000,
        summary: run?.summary ?? '',
        outputs: run?.outputs ?? {},
        notes,
        ...(problem && run ? { stderrTail: run.stderr.trim().split('\n').slice(-8).join('\n') } : {}),
        ...(step.attach ? { attachments: step.attach(ctx) } : {}),
        ...(step.mustShow ? { mustShow: step.mustShow } : {}),
      };
      results.push(result);
      writeFileSync(path.join(outputDir, `${String(index + 1).padStart(2, '0')}-${step.id}.md`), result.summary);
      printStep(step, result);
    }
  } finally {
    await sandbox.stop();
    rmSync(scratch, { recursive: true, force: true });
    if (repositoryDir) rmSync(repositoryDir, { recursive: true, force: true });
  }

  const seconds = (Date.now() - started) / 1000;
  writeFileSync(path.join(outputDir, 'report.md'), renderMarkdownReport(results, seconds));
  const htmlFile = path.join(outputDir, 'report.html');
  writeFileSync(htmlFile, renderHtmlReport(results, seconds));
  process.stdout.write('\nChecking the HTML report in headless Chromium … ');
  const check = await checkReportInBrowser(htmlFile, results, path.join(outputDir, 'report.png'));
  console.log(check.problems.length === 0 ? `every step and verdict visible; screenshot ${path.relative(repoRoot, check.screenshot)}` : `problems:\n  ${check.problems.join('\n  ')}`);

  const failures = results.filter((r) => !r.asDesigned);
  console.log(
    `\n${failures.length === 0 ? '✓ every step behaved as designed' : `✗ ${failures.length} step(s) did not behave as designed: ${failures.map((f) => f.id).join(', ')}`} in ${seconds.toFixed(1)} s.` +
      `\nReport: demo-output/report.html (and report.md, one summary per step).`,
  );
  return failures.length === 0 && check.problems.length === 0 ? 0 : 1;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`\ndemo: ${(error as Error).message}`);
  process.exitCode = 1;
}
