/**
 * Lint throughput side by side, in one process and one run: dockerfile-ast's bare parse (the
 * floor), eks-kit lint, dockerfile-utils' validation and dockerfilelint, over the same generated
 * corpus. Ratios, not absolute times, are what to compare: these machines are shared and noisy.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
// @ts-expect-error -- plain JavaScript shared with scripts/package.mjs, without type declarations
import { requireAsNode } from '../scripts/bundles.mjs';
// @ts-expect-error -- the same
import { kitVersion } from '../scripts/package.mjs';
import { DockerfileParser } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import type * as DockerfileLint from '../packages/dockerfile-lint/src/index.js';
import type * as PatchedParse from './patched-parse.js';
import { loadLogger } from './loaded-files.js';
import { runBundle } from '../test/harness/run-bundle.js';
import { generateDockerfile, seededRandom } from '../packages/dockerfile-lint/test/support/dockerfile-generator.js';
import { measurePrecision, type PrecisionReport } from '../packages/dockerfile-lint/test/precision/precision.js';

const require = createRequire(import.meta.url);
const dockerfilelint = require('dockerfilelint') as { run: (context: string, content: string) => unknown[] };
const dockerfilelintRules = Object.keys(require('dockerfilelint/lib/reference.js') as object).length;
const { ValidationCode } = require('dockerfile-utils') as { ValidationCode: Record<string, unknown> };
const dockerfileUtilsChecks = Object.keys(ValidationCode).filter((k) => Number.isNaN(Number(k))).length;

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const PATCHED_PARSE = 'dockerfile-ast parse as eks-kit ships it';
const CORPUS_SIZE = 600;
const ROUNDS = 11;
const WARM_UP_ROUNDS = 3;

interface Tool {
  name: string;
  rules: string;
  lint: (text: string, dir: string) => unknown;
}

export interface LintBenchResult {
  corpus: { files: number; bytes: number; largestBytes: number; withHeredoc: number };
  /** `roundsMs`: every timed round, in the order run, to show the spread behind the median. */
  tools: { name: string; rules: string; medianMs: number; roundsMs: number[]; filesPerSecond: number; crashes: number; ratioToParse: number }[];
  /** The CLI with the code cache an earlier run wrote, and with none (EKS_KIT_NO_CACHE). */
  startup: { bareNodeMs: number; cliLintMs: number; ratio: number; cliLintColdMs: number };
  /** What a run loads: `files` of it, and every file of the folder for the CLI. */
  bundles: { name: string; bytes: number; files: number; allBytes?: number }[];
  /** Hand-labelled findings on the shipped real-style corpus (packages/dockerfile-lint/test/precision). */
  precision: PrecisionReport;
}

function corpus(): string[] {
  const files: string[] = [];
  for (let seed = 1; files.length < CORPUS_SIZE; seed++) {
    const random = seededRandom(seed);
    // Mostly service-sized files, some large ones (up to ~10 KB and beyond).
    const size = random() < 0.85 ? 0.3 + random() * 1.5 : 4 + random() * 8;
    files.push(generateDockerfile(random, size));
  }
  return files;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * CPU time of each tool over the corpus, median of ROUNDS rounds after a warm-up round. The tools
 * take turns within every round (each round starting with a different tool) rather than running
 * their rounds back to back: load from other processes comes and goes, and back-to-back blocks
 * let one burst land on one tool only (two runs of the same code once gave 1.3× and 3.9× parse).
 */
function timeInterleaved(tools: Tool[], files: string[], dir: string): { medianMs: number; roundsMs: number[]; crashes: number }[] {
  const crashes = tools.map(() => 0);
  // Warm-up rounds: JIT and lazy module initialisation are not what is being compared. One round
  // was not enough for the tool with the most code: eks-kit's first timed rounds ran at up to
  // 2.7× its later ones, while the others' stayed within their usual spread.
  for (let w = 0; w < WARM_UP_ROUNDS; w++) {
    tools.forEach((tool, t) => {
      for (const text of files) {
        try {
          tool.lint(text, dir);
        } catch {
          if (w === 0) crashes[t]!++;
        }
      }
    });
  }
  // CPU time of this process rather than wall time: on a shared machine other work stretches
  // wall time unevenly between tools, while the CPU each tool spends stays comparable.
  const rounds: number[][] = tools.map(() => []);
  for (let r = 0; r < ROUNDS; r++) {
    for (let k = 0; k < tools.length; k++) {
      const t = (r + k) % tools.length;
      const tool = tools[t]!;
      const start = process.cpuUsage();
      for (const text of files) {
        try {
          tool.lint(text, dir);
        } catch {
          /* counted in the first warm-up round */
        }
      }
      const used = process.cpuUsage(start);
      rounds[t]!.push((used.user + used.system) / 1000);
    }
  }
  return rounds.map((times, t) => ({ medianMs: median(times), roundsMs: times.map((ms) => Math.round(ms * 10) / 10), crashes: crashes[t] ?? 0 }));
}

/** Median wall time of each command, the commands taking turns (for the same reason as above). */
function wallTimes(commands: { args: string[]; env?: Record<string, string> }[], cwd: string, runs = 15): number[] {
  const times: number[][] = commands.map(() => []);
  for (let i = 0; i < runs; i++) {
    commands.forEach(({ args, env }, c) => {
      const start = process.hrtime.bigint();
      spawnSync(process.execPath, args, { cwd, stdio: 'ignore', env: { ...process.env, ...env } });
      times[c]!.push(Number(process.hrtime.bigint() - start) / 1e6);
    });
  }
  return times.map(median);
}

/** The bytes of code a lint loads: the lint action on `workspace`, and `eks-kit lint` there. */
async function loadedBundles(workspace: string): Promise<LintBenchResult['bundles']> {
  const action = loadLogger();
  await runBundle('lint', { workspace, env: action.env });
  const { files: actionFiles, bytes: actionBytes } = action.read(path.join(root, 'dist/lint'));
  const cli = loadLogger();
  spawnSync(process.execPath, [path.join(root, 'dist/cli/index.js'), 'lint', 'Dockerfile', '--failure-threshold', 'none'], { cwd: workspace, stdio: 'ignore', env: { ...process.env, ...cli.env, EKS_KIT_NO_CACHE: '1' } });
  const { files: cliFiles, bytes: cliBytes } = cli.read(path.join(root, 'dist/cli'));
  return [
    { name: 'dist/lint (the lint action)', bytes: actionBytes, files: actionFiles.length },
    { name: 'dist/cli (`eks-kit lint`)', bytes: cliBytes, files: cliFiles.length, allBytes: dirBytes(path.join(root, 'dist/cli')) },
  ];
}

function dirBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, entry) => {
    const full = path.join(dir, entry);
    const stat = statSync(full);
    return sum + (stat.isDirectory() ? dirBytes(full) : /\.c?js$/.test(entry) ? stat.size : 0);
  }, 0);
}

/**
 * Code as it ships: bundled and minified like dist/, not run from TypeScript through a loader
 * (whose helpers would add their own cost to every call).
 */
export async function loadAsShipped<T>(entry: string): Promise<T> {
  const outfile = path.join(mkdtempSync(path.join(tmpdir(), 'eks-kit-bench-lib-')), `${path.basename(entry, '.ts')}.mjs`);
  await build({
    entryPoints: [path.join(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minifySyntax: true,
    minifyWhitespace: true,
    logLevel: 'error',
    banner: { js: "import { createRequire as __eksKitCreateRequire } from 'node:module';\nconst require = __eksKitCreateRequire(import.meta.url);" },
    // As the bundles get it: bundled outside the checkout, the library cannot find package.json.
    define: { __EKS_KIT_VERSION__: JSON.stringify(kitVersion()) },
    plugins: [requireAsNode],
  });
  return import(outfile) as Promise<T>;
}

export async function runLintBench(): Promise<LintBenchResult> {
  const { allRules, lintText } = await loadAsShipped<typeof DockerfileLint>('packages/dockerfile-lint/src/index.ts');
  const patched = await loadAsShipped<typeof PatchedParse>('bench/patched-parse.ts');
  const files = corpus();
  const dir = mkdtempSync(path.join(tmpdir(), 'eks-kit-bench-'));
  const tools: Tool[] = [
    { name: 'dockerfile-ast parse only (floor)', rules: '0 (parse)', lint: (text) => DockerfileParser.parse(text) },
    { name: PATCHED_PARSE, rules: '0 (parse)', lint: (text) => patched.parse(text) },
    { name: 'eks-kit lint', rules: `${allRules.length} rules`, lint: (text) => lintText('Dockerfile', text) },
    { name: 'dockerfile-utils validate', rules: `${dockerfileUtilsChecks} syntax checks`, lint: (text) => validate(text) },
    { name: 'dockerfilelint', rules: `${dockerfilelintRules} rules`, lint: (text, context) => dockerfilelint.run(context, text) },
  ];
  const timings = timeInterleaved(tools, files, dir);
  const measured = tools.map((tool, t) => ({ tool, ...timings[t]! }));
  const floor = measured[0]?.medianMs ?? 1;

  const one = path.join(dir, 'one');
  mkdirSync(one);
  writeFileSync(path.join(one, 'Dockerfile'), files[0] ?? 'FROM scratch\n');
  const cli = [path.join(root, 'dist/cli/index.js'), 'lint', 'Dockerfile', '--failure-threshold', 'none'];
  // A cache folder of the bench's own, filled by one run before the timed ones: the second and
  // later runs on a machine, which is what a developer linting on a laptop sees.
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'eks-kit-bench-cache-'));
  spawnSync(process.execPath, cli, { cwd: one, stdio: 'ignore', env: { ...process.env, EKS_KIT_CACHE_DIR: cacheDir } });
  const [bareNodeMs = NaN, cliLintMs = NaN, cliLintColdMs = NaN] = wallTimes(
    [{ args: ['-e', '0'] }, { args: cli, env: { EKS_KIT_CACHE_DIR: cacheDir } }, { args: cli, env: { EKS_KIT_NO_CACHE: '1' } }],
    one,
  );
  const bundles = await loadedBundles(one);

  return {
    corpus: {
      files: files.length,
      bytes: files.reduce((sum, f) => sum + f.length, 0),
      largestBytes: Math.max(...files.map((f) => f.length)),
      withHeredoc: files.filter((f) => f.includes('<<EOF')).length,
    },
    tools: measured.map(({ tool, medianMs, roundsMs, crashes }) => ({
      name: tool.name,
      rules: tool.rules,
      medianMs,
      roundsMs,
      filesPerSecond: Math.round((files.length / medianMs) * 1000),
      crashes,
      ratioToParse: medianMs / floor,
    })),
    startup: { bareNodeMs, cliLintMs, ratio: cliLintMs / bareNodeMs, cliLintColdMs },
    bundles,
    precision: measurePrecision(),
  };
}

export function lintBenchMarkdown(result: LintBenchResult): string {
  const eks = result.tools.find((t) => t.name === 'eks-kit lint');
  const utils = result.tools.find((t) => t.name.startsWith('dockerfile-utils'));
  const rows = result.tools.map(
    (t) => `| ${t.name} | ${t.rules} | ${t.medianMs.toFixed(1)} | ${Math.min(...t.roundsMs).toFixed(0)}–${Math.max(...t.roundsMs).toFixed(0)} | ${t.filesPerSecond} | ${t.ratioToParse.toFixed(2)}× | ${t.crashes} |`,
  );
  const overhead = eks ? (eks.ratioToParse - 1) * 100 : NaN;
  const ownParse = result.tools.find((t) => t.name === PATCHED_PARSE);
  return [
    '## Dockerfile lint',
    '',
    `Corpus: ${result.corpus.files} generated Dockerfiles, ${(result.corpus.bytes / 1024).toFixed(0)} KiB in all, largest ${(result.corpus.largestBytes / 1024).toFixed(1)} KiB, ${result.corpus.withHeredoc} with heredocs. Median CPU time of ${ROUNDS} rounds after ${WARM_UP_ROUNDS} warm-up rounds, all tools in one process, taking turns within each round; eks-kit as shipped (bundled and minified). Method changed on 2026-11-22: with each tool's rounds back to back after a single warm-up round, one burst of load from other processes could land on one tool only, and eks-kit (the most code to compile) was still warming up; two runs of the same code then gave 1.30× and 3.85× parse.`,
    '',
    '| tool | checks | CPU ms per corpus | fastest–slowest round | files/s | time vs parse | crashes (files) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `- Rules on top of the parse: **${overhead.toFixed(0)}%** (target ≤ 50%): eks-kit's whole lint, its own parse included, against the stock dockerfile-ast parse.`,
    ...(eks && ownParse
      ? [
          `- Of that, eks-kit's own parse (dockerfile-ast with the patches in \`model/dockerfile-ast-patches.ts\`, which skip repeated work) takes ${ownParse.ratioToParse.toFixed(2)}× the stock parse; the model and the rules add ${(((eks.medianMs - ownParse.medianMs) / ownParse.medianMs) * 100).toFixed(0)}% on top of that parse, or ${(((eks.medianMs - ownParse.medianMs) / (eks.medianMs / eks.ratioToParse)) * 100).toFixed(0)}% of the stock parse's time.`,
        ]
      : []),
    `- eks-kit vs dockerfile-utils' syntax-only validation: **${eks && utils ? (utils.medianMs / eks.medianMs).toFixed(2) : '?'}×** its throughput (target ≥ 1×).`,
    `- CLI on one Dockerfile: ${result.startup.cliLintMs.toFixed(0)} ms vs bare \`node -e 0\` ${result.startup.bareNodeMs.toFixed(0)} ms: **${result.startup.ratio.toFixed(2)}×** (target < 2×), with the code cache an earlier run wrote; ${result.startup.cliLintColdMs.toFixed(0)} ms (${(result.startup.cliLintColdMs / result.startup.bareNodeMs).toFixed(2)}×) without one (\`EKS_KIT_NO_CACHE=1\`, as the first run).`,
    ...result.bundles.map(
      (b) => `- Bundle ${b.name}: ${(b.bytes / 1024).toFixed(0)} KiB loaded by a lint of one Dockerfile, in ${b.files} files (entry and every chunk it loads, read from a loader hook)${b.allBytes === undefined ? '' : `; ${(b.allBytes / 1024).toFixed(0)} KiB with every command's chunks`}.`,
    ),
    '',
    ...precisionMarkdown(result.precision),
  ].join('\n');
}

function precisionMarkdown(report: PrecisionReport): string[] {
  const all = report.rules.reduce((sum, r) => ({ tp: sum.tp + r.truePositives, fp: sum.fp + r.falsePositives }), { tp: 0, fp: 0 });
  return [
    '### Precision',
    '',
    `Every finding at warning and above on ${report.files} Dockerfiles written in the styles of official images and of Node, Python, Go, Java and Ruby projects (\`packages/dockerfile-lint/test/precision/\`), labelled by hand as right or wrong; a unit test fails when a finding is unlabelled or a rule falls below 95%. ${all.tp + all.fp} findings, ${all.fp} wrong${report.unlabelled.length > 0 ? `, ${report.unlabelled.length} not labelled yet` : ''}. A small corpus written by the team: it shows the rules keep their meaning on these styles, not their precision on every repository.`,
    '',
    '| rule | right | wrong | precision |',
    '| --- | ---: | ---: | ---: |',
    ...report.rules.map((r) => `| ${r.code} | ${r.truePositives} | ${r.falsePositives} | ${(r.precision * 100).toFixed(0)}% |`),
    '',
  ];
}
