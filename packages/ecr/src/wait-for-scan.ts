import { StartImageScanCommand, type StartImageScanCommandOutput } from '@aws-sdk/client-ecr';
import { ApiError } from '@eks-kit/core';
import { callEcr, type EcrCaller } from './ecr-api.js';
import { ScanTimeout } from './errors.js';
import { findingKey, type Finding } from './finding.js';
import { describeScan, readAllFindings, type ScanTarget, type ScanType } from './read-findings.js';
import { classifyStatus } from './scan-status.js';

export interface WaitOptions {
  /** First pause between status reads, in ms. */
  pollInitialMs: number;
  /** Longest pause between status reads, in ms: the most a verdict lags a finished scan. */
  pollMaxMs: number;
  /** Start a basic scan when the image has none (ECR allows one per image per 24 hours). */
  startScan: boolean;
  /** Pause between the reads of enhanced findings that must agree, in ms. */
  settleMs: number;
}

export const DEFAULT_WAIT: WaitOptions = { pollInitialMs: 2000, pollMaxMs: 10_000, startScan: true, settleMs: 5000 };

/** The schedule for a poll cap: start at 2 s (or the cap), re-read enhanced findings 5 s apart (or the cap). */
export function waitOptions(pollMaxMs: number, startScan: boolean): WaitOptions {
  return { pollInitialMs: Math.min(DEFAULT_WAIT.pollInitialMs, pollMaxMs), pollMaxMs, startScan, settleMs: Math.min(DEFAULT_WAIT.settleMs, pollMaxMs) };
}

export type ScanOutcome =
  | { kind: 'findings'; status: string; scanType: ScanType; findings: Finding[]; reads: number; startedScan: boolean }
  | { kind: 'unusable'; status: string; description: string; startedScan: boolean };

/**
 * Waits for one image's scan and returns its findings or the status that ended it. Unlike the
 * SDK waiter it treats ACTIVE (enhanced scanning) as done, fails at once on a missing repository
 * or image, starts a scan only when none exists, and re-reads enhanced findings until two reads
 * agree, because Inspector keeps adding findings after the status turns ACTIVE.
 */
export async function waitForScan(caller: EcrCaller, target: ScanTarget, options: WaitOptions): Promise<ScanOutcome> {
  let startedScan = false;
  let lastStatus = 'not started';
  for (let poll = 0; ; poll++) {
    let page;
    try {
      page = await describeScan(caller, target);
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'ScanNotFoundException') throw explainMissing(error, target);
      lastStatus = 'no scan yet';
      if (options.startScan && !startedScan) {
        startedScan = true;
        const started = await startScan(caller, target);
        if (started) return { kind: 'unusable', ...started, startedScan };
      }
      await pause(caller, options, poll, target, lastStatus);
      continue;
    }
    const status = page.imageScanStatus?.status ?? '';
    lastStatus = status || 'unknown';
    const kind = classifyStatus(status);
    if (kind === 'unusable') return { kind, status, description: page.imageScanStatus?.description ?? '', startedScan };
    if (kind === 'waiting') {
      caller.logger.debug(`${target.repository}@${target.digest}: ${lastStatus}`);
      await pause(caller, options, poll, target, lastStatus);
      continue;
    }
    const first = await readAllFindings(caller, target, page);
    if (first.scanType === 'basic') return { kind: 'findings', status, scanType: 'basic', findings: first.findings, reads: 1, startedScan };
    const settled = await settleEnhanced(caller, target, options, first.findings);
    return { kind: 'findings', status, scanType: 'enhanced', findings: settled.findings, reads: settled.reads, startedScan };
  }
}

/** Starts a basic scan; returns an outcome when ECR says this image cannot be scanned at all. */
async function startScan(caller: EcrCaller, target: ScanTarget): Promise<{ status: string; description: string } | undefined> {
  try {
    await callEcr<StartImageScanCommandOutput>(
      caller,
      'StartImageScan',
      new StartImageScanCommand({ repositoryName: target.repository, imageId: { imageDigest: target.digest }, ...(target.registryId ? { registryId: target.registryId } : {}) }),
    );
    caller.logger.info(`${target.repository}@${target.digest}: no scan existed; started one`);
    return undefined;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    switch (error.code) {
      case 'LimitExceededException':
        // A scan ran in the last 24 hours (scan on push, another job): its result will show.
        caller.logger.info(`${target.repository}@${target.digest}: ECR allows one manual scan per image per 24 hours and one was already started; waiting for it`);
        return undefined;
      case 'UnsupportedImageTypeException':
        return { status: 'UNSUPPORTED_IMAGE', description: error.message };
      case 'ValidationException':
        // Enhanced scanning refuses manual scans; its own rules decide when the image is scanned.
        caller.logger.warning(`${target.repository}@${target.digest}: no scan exists and ECR refused to start one (${error.message}); check that the registry's scanning rules cover this repository`);
        return undefined;
      default:
        throw explainMissing(error, target);
    }
  }
}

/** Re-reads enhanced findings until two consecutive reads agree, or the deadline passes. */
async function settleEnhanced(caller: EcrCaller, target: ScanTarget, options: WaitOptions, first: Finding[]): Promise<{ findings: Finding[]; reads: number }> {
  let previous = first;
  for (let reads = 2; ; reads++) {
    if (caller.clock.now() + options.settleMs > caller.deadline) {
      throw new ScanTimeout(`enhanced scan findings for ${target.repository}@${target.digest} were still changing at the timeout (${reads - 1} reads); raise the timeout`);
    }
    await caller.clock.sleep(options.settleMs);
    const next = await readAllFindings(caller, target);
    if (sameFindings(previous, next.findings)) return { findings: next.findings, reads };
    caller.logger.info(`${target.repository}@${target.digest}: enhanced findings changed between reads (${previous.length} → ${next.findings.length}); reading again`);
    previous = next.findings;
  }
}

export function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  if (a.length !== b.length) return false;
  const fingerprint = (list: readonly Finding[]) =>
    list.map((f) => `${findingKey(f)}\u0000${f.severity}\u0000${f.cvss ?? ''}\u0000${f.fixAvailable}`).sort().join('\n');
  return fingerprint(a) === fingerprint(b);
}

async function pause(caller: EcrCaller, options: WaitOptions, poll: number, target: ScanTarget, lastStatus: string): Promise<void> {
  const delay = Math.min(options.pollMaxMs, options.pollInitialMs * 2 ** Math.min(poll, 20));
  const left = caller.deadline - caller.clock.now();
  if (left <= 0) throw new ScanTimeout(`timed out waiting for the scan of ${target.repository}@${target.digest} (last status: ${lastStatus})`);
  await caller.clock.sleep(Math.min(delay, left));
}

/** A missing repository or image is final: say which, at once, instead of waiting for the timeout. */
function explainMissing(error: unknown, target: ScanTarget): unknown {
  if (!(error instanceof ApiError)) return error;
  if (error.code === 'RepositoryNotFoundException') {
    return new ApiError('ECR', error.operation, error.code, `repository "${target.repository}" does not exist${target.registryId ? ` in registry ${target.registryId}` : ''} (check the image reference, the region and the account)`);
  }
  if (error.code === 'ImageNotFoundException') {
    return new ApiError('ECR', error.operation, error.code, `image ${target.digest} is not in repository "${target.repository}"`);
  }
  return error;
}
