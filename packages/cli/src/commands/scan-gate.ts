import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { KIT_VERSION, systemClock } from '@eks-kit/core';
import { createEcrClient, formatSarif, formatTextReport, runScanGate, waitOptions, type GateResult } from '@eks-kit/ecr';
import { readScanGateSettings, SCAN_GATE_TABLE } from '@eks-kit/inputs/scan-gate';
import type { Command } from '../command.js';
import { readCommandLine } from '../command-line.js';
import { EXIT } from '../exit-codes.js';

export const scanGateCommand: Command = async (argv, io) => {
  const read = readCommandLine(SCAN_GATE_TABLE, argv, io);
  if (!read) return EXIT.ok;
  const { reference, region, policy, baseline, timeoutMs, pollMaxMs, expectedMs, startScan, sarifFile, dockerfile, format } = readScanGateSettings(read, io.cwd, io.env);

  const client = createEcrClient(region);
  let result: GateResult;
  try {
    result = await runScanGate({
      client,
      clock: systemClock,
      logger: io.logger,
      reference,
      policy,
      ...(baseline ? { baseline } : {}),
      wait: waitOptions(pollMaxMs, startScan, expectedMs),
      timeoutMs,
    });
  } finally {
    client.destroy();
  }

  if (sarifFile) {
    const file = path.resolve(io.cwd, sarifFile);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, formatSarif(result, { version: KIT_VERSION, artifactPath: dockerfile, informationUri: 'https://github.com/org/eks-kit' }));
  }
  io.stdout(format === 'json' ? `${JSON.stringify(jsonReport(result), null, 2)}\n` : formatTextReport(result));
  return result.pass ? EXIT.ok : EXIT.policy;
};

/** What a script needs: the verdict, counts, and each platform's findings and reason. */
function jsonReport(result: GateResult) {
  return {
    verdict: result.pass ? 'pass' : 'fail',
    image: { ...result.reference, digest: result.resolved.digest, multiArch: result.resolved.multiArch },
    counts: result.counts,
    findings: result.totalFindings,
    platforms: result.platforms.map((p) => ({
      platform: p.image.platform ?? null,
      digest: p.image.digest,
      status: p.outcome.status,
      pass: p.pass,
      reason: p.reason,
      counted: p.verdict?.counted ?? [],
      ignored: (p.verdict?.ignored ?? []).map((i) => ({ id: i.finding.id, package: i.finding.packageName, reason: i.reason, ...(i.entry ? { allowlist: i.entry.source } : {}) })),
    })),
    allowlist: {
      expired: result.allowlist.expired.map((e) => ({ id: e.id, expires: e.expires, source: e.source })),
      stale: result.allowlist.stale.map((e) => ({ id: e.id, source: e.source })),
    },
    ...(result.baseline ? { baseline: baselineReport(result) } : {}),
    apiCalls: result.apiCalls,
  };
}

function baselineReport(result: GateResult) {
  const baseline = result.baseline!;
  if (baseline.kind === 'missing') return { found: false, reason: baseline.reason, ...(baseline.reference ? { image: baseline.reference } : {}) };
  return { found: true, image: { ...baseline.reference, digest: baseline.digest }, source: baseline.source, new: result.delta?.added ?? [], fixed: result.delta?.fixed ?? [], unchanged: result.delta?.unchanged ?? 0 };
}
