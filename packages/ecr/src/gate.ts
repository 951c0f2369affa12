import type { BackoffOptions, Clock, Logger } from '@eks-kit/core';
import { isExpired, type AllowlistEntry } from './allowlist.js';
import { DEFAULT_RETRY_BACKOFF, type EcrCaller, type EcrClientLike } from './ecr-api.js';
import { readBaseline, type Baseline, type BaselineRequest } from './baseline.js';
import { compareFindings, deltaKey, type FindingsDelta } from './delta.js';
import { findingKey, type Finding } from './finding.js';
import { judgeFindings, type FindingsVerdict, type Policy } from './policy.js';
import { formatReference, type ImageReference } from './reference.js';
import { pushTimes } from './push-times.js';
import { resolveImage, type PlatformImage, type ResolvedImage } from './resolve-image.js';
import { expectedCompletion, learnScanTime, type LearnedScanTime } from './scan-history.js';
import { explainStatus } from './scan-status.js';
import { countBySeverity, type SeverityCounts } from './severity.js';
import { waitForScan, type ScanOutcome, type WaitOptions } from './wait-for-scan.js';

export interface GateOptions {
  client: EcrClientLike;
  clock: Clock;
  logger: Logger;
  reference: ImageReference;
  policy: Policy;
  wait: WaitOptions;
  /** Overall limit for resolving, waiting and reading, in ms. */
  timeoutMs: number;
  retryBackoff?: BackoffOptions;
  /** The image to compare with, or why there is none (reported, and decisive under `gateOn: new`). */
  baseline?: BaselineRequest | { absent: string };
}

export interface PlatformResult {
  image: PlatformImage;
  outcome: ScanOutcome;
  /** Present when the scan produced findings. */
  verdict?: FindingsVerdict;
  pass: boolean;
  /** One line: why this image passed or failed. */
  reason: string;
  /** Passed without its contents being checked: an unusable scan status the policy accepts. */
  passedByPolicy?: boolean;
  /** A basic scan that completed with no findings, which does not show that anything was read. */
  unprovenEmpty?: boolean;
}

export interface GateResult {
  reference: ImageReference;
  resolved: ResolvedImage;
  platforms: PlatformResult[];
  pass: boolean;
  /** Findings that counted, distinct across platforms, per severity. */
  counts: SeverityCounts;
  /** Every finding reported, distinct across platforms. */
  totalFindings: number;
  allowlist: {
    /** Entries that hid at least one finding. */
    used: AllowlistEntry[];
    /** Entries past their date; they hide nothing. */
    expired: AllowlistEntry[];
    /** Live entries whose vulnerability no image has any more. */
    stale: AllowlistEntry[];
  };
  /** Present when a baseline was asked for (found or not). */
  baseline?: Baseline;
  /** This image's findings against the baseline's, when the baseline was found. */
  delta?: FindingsDelta;
  apiCalls: number;
  elapsedMs: number;
}

/** Resolves the image, waits for every platform's scan, and judges the findings against the policy. */
export async function runScanGate(options: GateOptions): Promise<GateResult> {
  const started = options.clock.now();
  const caller: EcrCaller = {
    client: options.client,
    clock: options.clock,
    logger: options.logger,
    deadline: started + options.timeoutMs,
    backoff: options.retryBackoff ?? DEFAULT_RETRY_BACKOFF,
    stats: { calls: 0 },
  };
  const resolved = await resolveImage(caller, options.reference);
  if (resolved.multiArch) {
    options.logger.info(`${formatReference(options.reference)} is a multi-arch index: gating ${resolved.images.map((i) => i.platform ?? i.digest).join(', ')}${resolved.skippedAttestations ? ` (${resolved.skippedAttestations} attestation manifest${resolved.skippedAttestations === 1 ? '' : 's'} skipped)` : ''}`);
  }
  const pushed = await pushTimes(caller, resolved.images);
  // Read once this image's own scan is final: a baseline pushed shortly before (the base branch's
  // last push) has then had as long to finish its scan as this image had.
  const readBaselineOnce = once(async () => {
    const found = await baselineOf(caller, options.baseline);
    if (found?.kind === 'missing') options.logger.warning(`No baseline to compare with: ${found.reason}`);
    return found;
  });
  const learned = once(() => learnScanTime(caller, resolved.images[0]!.repository, resolved.images[0]!.registryId, new Set(resolved.images.map((i) => i.digest))));
  const platforms = await Promise.all(resolved.images.map((image) => gateOne(caller, image, pushed.get(image.digest), { ...options, wait: scheduleFor(options.wait, image, pushed.get(image.digest), learned, caller) }, readBaselineOnce)));
  const baseline = await readBaselineOnce();

  const counted = distinct(platforms.flatMap((p) => p.verdict?.counted ?? []));
  const all = distinct(platforms.flatMap((p) => (p.outcome.kind === 'findings' ? p.outcome.findings : [])));
  const now = options.clock.now();
  const used = new Set(platforms.flatMap((p) => p.verdict?.ignored.flatMap((i) => (i.entry ? [i.entry] : [])) ?? []));
  const expired = options.policy.allowlist.filter((e) => isExpired(e, now));
  const scanned = platforms.some((p) => p.outcome.kind === 'findings');
  const stale = scanned ? options.policy.allowlist.filter((e) => !isExpired(e, now) && !used.has(e)) : [];
  return {
    reference: options.reference,
    resolved,
    platforms,
    pass: platforms.every((p) => p.pass),
    counts: countBySeverity(counted),
    totalFindings: all.length,
    allowlist: { used: [...used], expired, stale },
    ...(baseline ? { baseline } : {}),
    ...(baseline?.kind === 'found' && scanned ? { delta: compareFindings(all, baseline.findings) } : {}),
    apiCalls: caller.stats.calls,
    elapsedMs: options.clock.now() - started,
  };
}

/**
 * Without an expected scan time given, the wait asks (once, and only if the scan is not final at
 * the first read) how long earlier scans in the repository took, and polls densely around this
 * image's push plus that.
 */
function scheduleFor(wait: WaitOptions, image: PlatformImage, pushedAt: Date | undefined, learned: () => Promise<LearnedScanTime | undefined>, caller: EcrCaller): WaitOptions {
  if (wait.expectedMs !== undefined || !pushedAt) return wait;
  return {
    ...wait,
    expectCompletion: async () => {
      const scans = await learned();
      if (!scans) return undefined;
      const expected = expectedCompletion(pushedAt, scans);
      caller.logger.info(`${image.repository}@${image.digest}: earlier scans in ${image.repository} took ${(scans.durationMs / 1000).toFixed(0)} s from push to completion (median of ${scans.images}, spread ${(scans.spreadMs / 1000).toFixed(0)} s); reading every ${(wait.pollInitialMs / 1000).toFixed(0)} s around ${new Date(expected.atMs).toISOString()}`);
      return expected;
    },
  };
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= make());
}

async function baselineOf(caller: EcrCaller, choice: GateOptions['baseline']): Promise<Baseline | undefined> {
  if (!choice) return undefined;
  if ('absent' in choice) return { kind: 'missing', reason: choice.absent };
  return readBaseline(caller, choice);
}

async function gateOne(caller: EcrCaller, image: PlatformImage, pushedAt: Date | undefined, options: GateOptions, readBaselineOnce: () => Promise<Baseline | undefined>): Promise<PlatformResult> {
  const target = { repository: image.repository, digest: image.digest, ...(image.registryId ? { registryId: image.registryId } : {}), ...(pushedAt ? { pushedAt } : {}) };
  const outcome = await waitForScan(caller, target, options.wait);
  const baseline = await readBaselineOnce();
  if (outcome.kind === 'unusable') {
    const accepted = (options.policy.acceptStatuses as readonly string[]).includes(outcome.status);
    const why = `${explainStatus(outcome.status)}${outcome.description ? `: ${outcome.description}` : ''}`;
    return {
      image,
      outcome,
      pass: accepted,
      ...(accepted ? { passedByPolicy: true } : {}),
      reason: accepted ? `scan status ${outcome.status} accepted by policy (${why})` : `scan status ${outcome.status}: ${why}`,
    };
  }
  const unproven = outcome.scanType === 'basic' && outcome.findings.length === 0 ? { unprovenEmpty: true } : {};
  if (options.policy.gateOn === 'new') return { ...gateNew(image, outcome.findings, outcome, options, baseline), ...unproven };
  const verdict = judgeFindings(outcome.findings, options.policy, options.clock.now());
  return { image, outcome, verdict, pass: verdict.pass, reason: verdictReason(verdict, plural(outcome.findings.length, 'finding')), ...unproven };
}

/**
 * `gateOn: new`: the policy judges only the findings the baseline lacks. Without a baseline it
 * fails closed (an unknown baseline is not an empty one), unless the policy says to judge them all.
 */
function gateNew(image: PlatformImage, findings: Finding[], outcome: ScanOutcome, options: GateOptions, baseline: Baseline | undefined): PlatformResult {
  const now = options.clock.now();
  if (baseline?.kind !== 'found') {
    const why = baseline?.reason ?? 'no baseline was given';
    const verdict = judgeFindings(findings, options.policy, now);
    if (options.policy.baselineMissing === 'all') {
      return { image, outcome, verdict, pass: verdict.pass, reason: `${verdictReason(verdict, plural(findings.length, 'finding'))} (no baseline, so every finding was judged: ${why})` };
    }
    return { image, outcome, verdict, pass: false, reason: `no baseline to find new findings against (${why}); failing closed rather than calling every finding old` };
  }
  const known = new Set(baseline.findings.map(deltaKey));
  const added = findings.filter((f) => !known.has(deltaKey(f)));
  const verdict = judgeFindings(added, options.policy, now);
  return { image, outcome, verdict, pass: verdict.pass, reason: `${verdictReason(verdict, `${plural(added.length, 'new finding')} of ${findings.length}`)}${verdict.pass ? '' : ' among the new findings'}` };
}

function verdictReason(verdict: FindingsVerdict, judged: string): string {
  return verdict.pass ? `${judged}, ${verdict.counted.length} counted, within the policy` : verdict.breaches.map((b) => `${b.count} ${b.severity.toLowerCase()} (limit ${b.limit})`).join(', ');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function distinct(findings: Finding[]): Finding[] {
  const byKey = new Map<string, Finding>();
  for (const f of findings) if (!byKey.has(findingKey(f))) byKey.set(findingKey(f), f);
  return [...byKey.values()];
}

/** One sentence for the failure line: what failed, per platform when there are several. */
export function failureMessage(result: GateResult): string {
  const failed = result.platforms.filter((p) => !p.pass);
  const name = formatReference({ ...result.reference, digest: result.resolved.digest });
  if (failed.length === 1 && result.platforms.length === 1) return `${name}: ${failed[0]!.reason}`;
  return `${name}: ${failed.map((p) => `${p.image.platform ?? p.image.digest}: ${p.reason}`).join('; ')}`;
}

