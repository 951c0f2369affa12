import { StartImageScanCommand, type StartImageScanCommandOutput } from '@aws-sdk/client-ecr';
import { ApiError } from '@eks-kit/core';
import { callEcr, type EcrCaller } from './ecr-api.js';
import { ScanTimeout } from './errors.js';
import type { Finding } from './finding.js';
import { describeScan, readAllFindings, type ScanTarget, type ScanType } from './read-findings.js';
import { evidenceLine, missingEvidence } from './scan-evidence.js';
import { classifyStatus, unusableStatus } from './scan-status.js';

export interface WaitOptions {
  /** First pause between status reads, in ms. */
  pollInitialMs: number;
  /** Longest pause between status reads, in ms: the most a verdict lags a finished scan. */
  pollMaxMs: number;
  /** Start a basic scan when the image has none (ECR allows one per image per 24 hours). */
  startScan: boolean;
  /**
   * When the scan is expected to finish, in ms after the wait starts. From one poll cap before it
   * until one cap after it, reads are `pollInitialMs` apart, so the verdict lags a scan that ends
   * then by at most that; before and after, the backoff to `pollMaxMs` keeps the calls few.
   */
  expectedMs?: number;
  /** How long before `expectedMs` the dense reads start; default `pollMaxMs`. */
  denseBeforeMs?: number;
  /**
   * Without `expectedMs`: asked once, at the first read that is not final, when the scan is expected
   * to finish (epoch ms) and how early it may (the spread of earlier scans), e.g. from how long
   * earlier scans in the repository took. A scan already final costs no call for it.
   */
  expectCompletion?: () => Promise<{ atMs: number; spreadMs: number } | undefined>;
}

export const DEFAULT_WAIT: WaitOptions = { pollInitialMs: 2000, pollMaxMs: 10_000, startScan: true };

/** The schedule for a poll cap: start at 2 s (or the cap) and back off to the cap. */
export function waitOptions(pollMaxMs: number, startScan: boolean, expectedMs?: number): WaitOptions {
  return { pollInitialMs: Math.min(DEFAULT_WAIT.pollInitialMs, pollMaxMs), pollMaxMs, startScan, ...(expectedMs ? { expectedMs } : {}) };
}

/** The pause before the next read: backoff to the cap, shortened around the expected completion. */
export function pauseBefore(options: WaitOptions, poll: number, elapsedMs: number): number {
  const backoff = Math.min(options.pollMaxMs, options.pollInitialMs * 2 ** Math.min(poll, 20));
  if (options.expectedMs === undefined) return backoff;
  const windowStart = options.expectedMs - (options.denseBeforeMs ?? options.pollMaxMs);
  const windowEnd = options.expectedMs + options.pollMaxMs;
  if (elapsedMs >= windowEnd) return backoff;
  if (elapsedMs >= windowStart) return options.pollInitialMs;
  // Do not sleep past the window's start: land in it and poll densely from there.
  return Math.max(options.pollInitialMs, Math.min(backoff, windowStart - elapsedMs));
}

export type ScanOutcome =
  | { kind: 'findings'; status: string; scanType: ScanType; findings: Finding[]; reads: number; startedScan: boolean; evidence: string }
  | { kind: 'unusable'; status: string; description: string; startedScan: boolean };

/**
 * Waits for one image's scan and returns its findings or the status that ended it. It passes on
 * nothing it has not seen: COMPLETE (basic) or ACTIVE (enhanced) count only with a scan
 * completion time at or after the push (`target.pushedAt`, when known); without it, it keeps
 * waiting and fails closed at the timeout, naming what was missing. Unlike the SDK waiter it
 * fails at once on a missing repository or image and starts a scan only when none exists.
 */
export async function waitForScan(caller: EcrCaller, target: ScanTarget, options: WaitOptions): Promise<ScanOutcome> {
  const began = caller.clock.now();
  let schedule = options;
  let asked = options.expectedMs !== undefined || !options.expectCompletion;
  const pause = async (poll: number, timeout: string) => {
    if (!asked) {
      asked = true;
      const expected = await options.expectCompletion!();
      // Dense from the earliest the earlier scans suggest (at least one short poll ahead), not a whole cap ahead.
      if (expected) schedule = { ...options, expectedMs: expected.atMs - began, denseBeforeMs: Math.min(options.pollMaxMs, Math.max(options.pollInitialMs, expected.spreadMs)) };
    }
    return pauseFor(caller, pauseBefore(schedule, poll, caller.clock.now() - began), timeout);
  };
  let startedScan = false;
  let lastStatus = 'not started';
  let waitingFor: string | undefined;
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
      await pause(poll, timeoutMessage(target, lastStatus));
      continue;
    }
    const status = page.imageScanStatus?.status ?? '';
    const description = page.imageScanStatus?.description ?? '';
    lastStatus = status || 'unknown';
    const kind = classifyStatus(status, description);
    if (kind === 'unusable') return { kind, status: unusableStatus(status, description), description, startedScan };
    if (kind === 'waiting') {
      caller.logger.debug(`${name(target)}: ${lastStatus}`);
      await pause(poll, timeoutMessage(target, lastStatus));
      continue;
    }
    const missing = missingEvidence(page, target.pushedAt);
    if (missing) {
      if (missing !== waitingFor) caller.logger.info(`${name(target)}: ${missing}; waiting for evidence that the scan finished`);
      waitingFor = missing;
      await pause(poll, `no evidence by the timeout that the scan of ${name(target)} finished (${missing}); failing closed, not passing an image nobody has seen scanned`);
      continue;
    }
    const read = await readAllFindings(caller, target, page);
    const evidence = evidenceLine(page, target.pushedAt);
    caller.logger.debug(`${name(target)}: ${evidence}`);
    return { kind: 'findings', status, scanType: read.scanType, findings: read.findings, reads: 1, startedScan, evidence };
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

async function pauseFor(caller: EcrCaller, delay: number, timeout: string): Promise<void> {
  const left = caller.deadline - caller.clock.now();
  if (left <= 0) throw new ScanTimeout(timeout);
  await caller.clock.sleep(Math.min(delay, left));
}

function timeoutMessage(target: ScanTarget, lastStatus: string): string {
  return `timed out waiting for the scan of ${name(target)} (last status: ${lastStatus})`;
}

function name(target: ScanTarget): string {
  return `${target.repository}@${target.digest}`;
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
