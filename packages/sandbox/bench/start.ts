/**
 * Sandbox start-to-ready, side by side with what it is made of, and the memory it holds.
 * `npx tsx packages/sandbox/bench/start.ts [--runs N] [--docker]` prints a Markdown section.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startHttpServer } from '../src/http/server.js';
import { startRegistryProcess } from '../src/registry/process.js';
import { startSandbox } from '../src/sandbox.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' }, docker: { type: 'boolean', default: false } } });
const RUNS = Number(values.runs);
const TARGET_MS = 2000;

interface Row {
  name: string;
  times: number[];
  nodeRssMb?: number;
  registryRssMb?: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function rssMb(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return line ? Number(line.replace(/\D+/g, '')) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

async function measure(name: string, start: () => Promise<{ stop(): Promise<void>; pid?: number }>): Promise<Row> {
  const row: Row = { name, times: [] };
  for (let i = 0; i < RUNS; i += 1) {
    const began = performance.now();
    const running = await start();
    row.times.push(performance.now() - began);
    if (i === RUNS - 1) {
      row.nodeRssMb = process.memoryUsage().rss / 1024 / 1024;
      row.registryRssMb = rssMb(running.pid);
    }
    await running.stop();
  }
  return row;
}

const rows: Row[] = [];
rows.push(await measure('bare Node HTTP server', () => startHttpServer(() => undefined)));
rows.push(
  await measure('docker-registry process alone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'eks-kit-bench-registry-'));
    const registry = await startRegistryProcess({ dir, username: 'AWS', password: 'bench' });
    return { pid: registry.pid, stop: async () => { await registry.stop(); await rm(dir, { recursive: true, force: true }); } };
  }),
);
rows.push(
  await measure('startSandbox(): registry + ECR + EKS + STS + GitHub', async () => {
    const sandbox = await startSandbox();
    return { pid: sandbox.pids.registry, stop: () => sandbox.stop() };
  }),
);
rows.push(
  await measure('startSandbox({ kubeApi: true }): + Kubernetes API (TLS)', async () => {
    const sandbox = await startSandbox({ kubeApi: true });
    return { pid: sandbox.pids.registry, stop: () => sandbox.stop() };
  }),
);

if (values.docker) {
  // Opt-in: needs root, and dockerd takes seconds, which is why the sandbox starts it only on request.
  rows.push(
    await measure('startSandbox({ docker: true }): + private dockerd', async () => {
      const sandbox = await startSandbox({ docker: true });
      return { pid: sandbox.pids.registry, stop: () => sandbox.stop() };
    }),
  );
}

// The real registry is the part that cannot be made faster here: everything is compared with it.
const baseline = median(rows[1]!.times);
const full = median(rows[2]!.times);
const ms = (value: number) => value.toFixed(value < 10 ? 1 : 0);
const mb = (value: number | undefined) => (value === undefined ? '–' : value.toFixed(0));
console.log(
  [
    '## Sandbox start-up',
    '',
    `Start to ready (every server listening, the registry answering), median of ${RUNS} runs in one process; memory after the last start.`,
    '',
    '| configuration | median ms | max ms | × registry alone | node RSS MB | registry RSS MB |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.name} | ${ms(median(r.times))} | ${ms(Math.max(...r.times))} | ${(median(r.times) / baseline).toFixed(2)} | ${mb(r.nodeRssMb)} | ${mb(r.registryRssMb)} |`),
    '',
    `Target: startSandbox() ready in under ${TARGET_MS} ms — ${full < TARGET_MS ? 'met' : 'NOT met'} (${full.toFixed(0)} ms).`,
    '',
  ].join('\n'),
);
