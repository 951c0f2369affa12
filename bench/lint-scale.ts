/**
 * Dockerfile lint beyond the corpus: what ShellCheck adds to a lint, how long a 1 MB Dockerfile
 * of each growing shape takes, and the CLI's start-up on a 10 KB Dockerfile. Prints Markdown
 * (run by `npm run bench`, or alone with `npm run bench -- bench/lint-scale.ts`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ProcessRunner, type CommandRunner } from '../packages/core/src/index.js';
import type * as DockerfileLint from '../packages/dockerfile-lint/src/index.js';
import { runLint } from '../packages/dockerfile-lint/src/index.js';
import { loadAsShipped } from './lint.js';
import { generateDockerfile, seededRandom } from '../packages/dockerfile-lint/test/support/dockerfile-generator.js';
import { GROWING_SHAPES } from '../packages/dockerfile-lint/test/support/growing-shapes.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const ONE_MB = 1024 * 1024;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** A runner that counts the shellcheck runs. */
function counting(inner: CommandRunner): CommandRunner & { runs: number } {
  const runner = { runs: 0, run: (command: string, args: readonly string[], options?: Parameters<CommandRunner['run']>[2]) => ((runner.runs += args.includes('--version') ? 0 : 1), inner.run(command, args, options)) };
  return runner;
}

async function shellcheckCost(): Promise<string[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'eks-kit-bench-sc-'));
  const files = 60;
  let runs = 0;
  for (let i = 0; i < files; i++) {
    mkdirSync(path.join(dir, `svc${i}`));
    writeFileSync(path.join(dir, `svc${i}`, 'Dockerfile'), generateDockerfile(seededRandom(1000 + i), 0.3 + (i % 5) * 0.4));
  }
  const times = { without: [] as number[], with: [] as number[] };
  let findings = 0;
  for (let round = 0; round < 5; round++) {
    for (const mode of ['without', 'with'] as const) {
      const runner = counting(new ProcessRunner());
      const start = process.hrtime.bigint();
      const result = await runLint({ patterns: [], cwd: dir, threshold: 'none', ...(mode === 'with' ? { shellcheck: { runner } } : {}) });
      times[mode].push(Number(process.hrtime.bigint() - start) / 1e6);
      if (mode === 'with') {
        runs = runner.runs;
        findings = result.findings.filter((f) => f.code.startsWith('SC')).length;
      }
    }
  }
  const without = median(times.without);
  const withSc = median(times.with);
  return [
    '### ShellCheck',
    '',
    `${files} generated Dockerfiles linted with \`runLint\` (from source, through tsx), with and without ShellCheck ${spawnSync('shellcheck', ['--version'], { encoding: 'utf8' }).stdout.match(/version: (\S+)/)?.[1] ?? '?'}; wall time, median of 5 rounds taking turns.`,
    '',
    '| lint | ms for all files | ms per file | shellcheck runs | SC findings |',
    '| --- | ---: | ---: | ---: | ---: |',
    `| without ShellCheck | ${without.toFixed(0)} | ${(without / files).toFixed(1)} | 0 | 0 |`,
    `| with ShellCheck | ${withSc.toFixed(0)} | ${(withSc / files).toFixed(1)} | ${runs} | ${findings} |`,
    '',
    `ShellCheck adds ${((withSc - without) / files).toFixed(1)} ms per Dockerfile (${(withSc / without).toFixed(1)}× the lint without it): one process per file (per dialect), whatever the number of RUNs.`,
    '',
  ];
}

/** `lintText` bundled and minified as dist/ ships it: tsx's helpers would add their own cost. */
function oneMegabyte({ lintText }: typeof DockerfileLint): string[] {
  const rows = Object.entries(GROWING_SHAPES).map(([shape, { base, make }]) => {
    const perUnit = make(base).length / base;
    const text = make(Math.ceil(ONE_MB / perUnit));
    lintText('Dockerfile', make(base)); // warm up this shape's code paths
    const times: number[] = [];
    for (let run = 0; run < 3; run++) {
      const start = process.cpuUsage();
      lintText('Dockerfile', text);
      const used = process.cpuUsage(start);
      times.push((used.user + used.system) / 1000);
    }
    const ms = Math.min(...times);
    return `| ${shape} | ${(text.length / ONE_MB).toFixed(2)} MB | ${ms.toFixed(0)} | ${ms < 1000 ? 'yes' : 'no'} |`;
  });
  return [
    '### 1 MB Dockerfiles',
    '',
    'Each growing shape of the linear-time test (`test/support/growing-shapes.ts`) at about 1 MB, linted by `lintText` bundled as dist/ ships it (esbuild, minified), without ShellCheck; CPU time, least of 3 runs (other processes can only make a run slower). Target: under 1 s.',
    '',
    '| shape | size | CPU ms | under 1 s |',
    '| --- | ---: | ---: | --- |',
    ...rows,
    '',
  ];
}

function cliStartup(): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'eks-kit-bench-cli-'));
  let text = '';
  // Generated files one after another: a multi-stage Dockerfile of about 10 KB.
  for (let seed = 1; text.length < 10 * 1024; seed++) text += generateDockerfile(seededRandom(seed), 1);
  writeFileSync(path.join(dir, 'Dockerfile'), text);
  const cli = path.join(root, 'dist/cli/index.js');
  // The CLI keeps a V8 code cache after its first run (packages/cli/src/code-cache/): in a folder
  // of the bench's own, filled before the timed rounds by the warm-up rounds; and with none, as on
  // the first run (or with EKS_KIT_NO_CACHE=1).
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'eks-kit-bench-cache-'));
  const lint = (file: string) => [cli, 'lint', file, '--failure-threshold', 'none'];
  const targets: Record<string, { args: string[]; env: Record<string, string> }> = {
    'node -e 0': { args: ['-e', '0'], env: {} },
    'eks-kit lint': { args: lint('Dockerfile'), env: { EKS_KIT_CACHE_DIR: cacheDir } },
    'eks-kit lint, no code cache (a first run)': { args: lint('Dockerfile'), env: { EKS_KIT_NO_CACHE: '1' } },
    'eks-kit lint, a one-line Dockerfile': { args: lint('One.Dockerfile'), env: { EKS_KIT_CACHE_DIR: cacheDir } },
  };
  writeFileSync(path.join(dir, 'One.Dockerfile'), 'FROM alpine:3.20\n');
  // The Node that runs the bench, and Node 24 (the runtime action.yml declares) when it is there.
  const node24 = path.join(root, '.tools/node24/bin/node');
  const nodes = [process.execPath, ...(existsSync(node24) ? [node24] : [])];
  const times = new Map<string, number[]>();
  const emptyPath = mkdtempSync(path.join(tmpdir(), 'eks-kit-bench-path-'));
  for (let round = 0; round < 18; round++) {
    for (const node of nodes) {
      for (const [name, { args, env }] of Object.entries(targets)) {
        const start = process.hrtime.bigint();
        spawnSync(node, args, { cwd: dir, stdio: 'ignore', env: { PATH: emptyPath, ...env } });
        if (round >= 3) times.set(`${node}\0${name}`, [...(times.get(`${node}\0${name}`) ?? []), Number(process.hrtime.bigint() - start) / 1e6]);
      }
    }
  }
  const rows = nodes.flatMap((node) => {
    const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
    const bare = median(times.get(`${node}\0node -e 0`)!);
    return Object.keys(targets).map((name) => {
      const ms = median(times.get(`${node}\0${name}`)!);
      return `| ${name} | ${version} | ${ms.toFixed(0)} | ${(ms / bare).toFixed(2)}× |`;
    });
  });
  return [
    '### CLI start-up on a 10 KB Dockerfile',
    '',
    '`dist/cli/index.js lint` on a 10 KB generated Dockerfile (and on a one-line one) against `node -e 0` on the same Node; wall time, median of 15 rounds after 3 warm-up rounds, taking turns. "eks-kit lint" runs with the code cache the warm-up rounds wrote (a second or later run on a machine); "no code cache" is a first run. PATH holds no shellcheck, so this is the linter\'s own start-up (with ShellCheck, add one process per file).',
    '',
    '| command | Node | ms | × `node -e 0` |',
    '| --- | --- | ---: | ---: |',
    ...rows,
    '',
    'Target: under 1.5×.',
    '',
  ];
}

const sections = ['## Dockerfile lint: ShellCheck, 1 MB files, CLI start-up', '', ...(await shellcheckCost()), ...oneMegabyte(await loadAsShipped<typeof DockerfileLint>('packages/dockerfile-lint/src/index.ts')), ...cliStartup()];
console.log(sections.join('\n'));
