/**
 * version-drift at fleet scale: 50 clusters across 3 regions against the sandbox (one sandbox per
 * region, so ListClusters, the calendar and the add-on catalogue are per region as on AWS), and
 * the manifest scanner over 5,000 generated documents. Prints a Markdown section.
 * `npx tsx packages/eks/bench/version-drift.ts [--runs N]`
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { EKSClient } from '@aws-sdk/client-eks';
import { systemClock } from '@eks-kit/core';
import { startSandbox, type Sandbox, type Scenario } from '@eks-kit/sandbox';
import { parseAllDocuments } from 'yaml';
import { checkFleet, collectManifestTypes, DEFAULT_POLICY, judgeManifests } from '../src/index.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const RUNS = Number(values.runs);
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'];
const CLUSTERS = 50;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

function regionScenario(regionIndex: number, count: number): Scenario {
  const versions = ['1.31', '1.32', '1.33', '1.34', '1.35'];
  return {
    eks: {
      clusterVersions: [
        { clusterVersion: '1.31', releaseDate: '2024-09-26', endOfStandardSupportDate: '2025-11-26', endOfExtendedSupportDate: '2026-11-26' },
        { clusterVersion: '1.32', releaseDate: '2025-01-23', endOfStandardSupportDate: '2026-03-23', endOfExtendedSupportDate: '2027-03-23' },
        { clusterVersion: '1.33', releaseDate: '2025-05-29', endOfStandardSupportDate: '2026-07-29', endOfExtendedSupportDate: '2027-07-29' },
        { clusterVersion: '1.34', releaseDate: '2025-10-02', endOfStandardSupportDate: '2026-12-02', endOfExtendedSupportDate: '2027-12-02' },
        { clusterVersion: '1.35', releaseDate: '2026-01-27', endOfStandardSupportDate: '2027-03-27', endOfExtendedSupportDate: '2028-03-27' },
      ],
      addonVersions: ['vpc-cni', 'coredns', 'kube-proxy'].map((addonName) => ({
        addonName,
        versions: [{ addonVersion: 'v1.0.0-eksbuild.1', clusterVersions: versions, defaultFor: versions }],
      })),
      clusters: Array.from({ length: count }, (_, i) => {
        const version = versions[(i + regionIndex) % versions.length]!;
        return {
          name: `bench-${regionIndex}-${i}`,
          version,
          nodegroups: [{ name: 'a', version }, { name: 'b', version: versions[Math.max(0, versions.indexOf(version) - 1)]! }],
          addons: ['vpc-cni', 'coredns', 'kube-proxy'].map((name) => ({ name, version: 'v1.0.0-eksbuild.1' })),
          insights: [{ id: `i-${i}`, name: 'Kubelet version skew', status: 'WARNING' as const }],
        };
      }),
    },
  };
}

const sandboxes: Sandbox[] = [];
try {
  const counts = REGIONS.map((_, i) => Math.floor(CLUSTERS / REGIONS.length) + (i < CLUSTERS % REGIONS.length ? 1 : 0));
  for (const [i, region] of REGIONS.entries()) sandboxes.push(await startSandbox({ region, scenario: regionScenario(i, counts[i]!) }));
  const byRegion = new Map(REGIONS.map((r, i) => [r, sandboxes[i]!]));
  const credentials = { accessKeyId: sandboxes[0]!.credentials.user.accessKeyId, secretAccessKey: sandboxes[0]!.credentials.user.secretAccessKey };
  const eksFor = (region: string) => new EKSClient({ region, endpoint: byRegion.get(region)!.endpoints.eks, credentials, maxAttempts: 1 });

  const fleetTimes: number[] = [];
  let calls: Record<string, number> = {};
  let checked = 0;
  for (let run = 0; run < RUNS; run++) {
    fleetTimes.push(
      await time(async () => {
        const report = await checkFleet({ clusters: [], regions: REGIONS, eksFor, clock: systemClock, policy: DEFAULT_POLICY, concurrency: 8 });
        calls = report.apiCalls;
        checked = report.clusters.length;
        if (report.failures.length > 0) throw new Error(report.failures.map((f) => f.message).join('; '));
      }),
    );
  }

  const dir = mkdtempSync(path.join(tmpdir(), 'eks-bench-manifests-'));
  const doc = (i: number) => `apiVersion: ${i % 10 === 0 ? 'batch/v1beta1' : 'apps/v1'}\nkind: ${i % 10 === 0 ? 'CronJob' : 'Deployment'}\nmetadata:\n  name: app-${i}\n  labels: {app: app-${i}}\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n        - name: app\n          image: registry.example/app:${i}\n`;
  for (let f = 0; f < 100; f++) {
    mkdirSync(path.join(dir, `svc-${f}`), { recursive: true });
    writeFileSync(path.join(dir, `svc-${f}`, 'all.yaml'), Array.from({ length: 50 }, (_, d) => doc(f * 50 + d)).join('---\n'));
  }
  const scanTimes: number[] = [];
  let documents = 0;
  let findings = 0;
  for (let run = 0; run < RUNS; run++) {
    scanTimes.push(
      await time(async () => {
        const types = await collectManifestTypes({ root: dir });
        const scan = judgeManifests(types, '1.33', '1.32');
        documents = scan.documents;
        findings = scan.findings.length;
      }),
    );
  }
  // Side by side: the same files through a full YAML parse, which the scanner falls back to.
  const texts = Array.from({ length: 100 }, (_, f) => readFileSync(path.join(dir, `svc-${f}`, 'all.yaml'), 'utf8'));
  const parseTimes: number[] = [];
  for (let run = 0; run < RUNS; run++) parseTimes.push(await time(async () => texts.forEach((t) => parseAllDocuments(t))));
  rmSync(dir, { recursive: true, force: true });

  const totalCalls = Object.values(calls).reduce((a, b) => a + b, 0);
  const fleetMs = median(fleetTimes);
  const scanMs = median(scanTimes);
  console.log(
    [
      '## version-drift',
      '',
      `Median of ${RUNS} runs. Fleet: ${checked} clusters across ${REGIONS.length} regions (one sandbox per region), concurrency 8, SDK maxAttempts 1. Manifests: ${documents} documents in 100 files.`,
      '',
      '| what | median | target | result |',
      '| --- | --- | --- | --- |',
      `| check ${checked} clusters | ${fleetMs.toFixed(0)} ms | < 5000 ms | ${fleetMs < 5000 ? 'met' : 'missed'} |`,
      `| scan ${documents} manifest documents (${findings} findings) | ${scanMs.toFixed(0)} ms | < 1000 ms | ${scanMs < 1000 ? 'met' : 'missed'} |`,
      `| same files, full parse only (yaml parseAllDocuments, no judging) | ${median(parseTimes).toFixed(0)} ms | | ${(median(parseTimes) / scanMs).toFixed(1)}× the scanner |`,
      '',
      `API calls per fleet run: ${totalCalls} (${Object.entries(calls)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([op, n]) => `${op} ${n}`)
        .join(', ')}). DescribeClusterVersions once per region and DescribeAddonVersions once per add-on and version per region, however many clusters share them.`,
      '',
    ].join('\n'),
  );
} finally {
  for (const s of sandboxes) await s.stop();
}
