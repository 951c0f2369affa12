import { describe, expect, it } from '@jest/globals';
import { ApiError } from '@eks-kit/core';
import { pauseBefore, ScanTimeout, waitForScan, waitOptions, type WaitOptions } from '../src/index.js';
import { active, awsError, basic, caller, complete, COMPLETED_AT, DIGEST, enhanced, FakeClock, FakeEcr, status } from './fakes.js';

const TARGET = { repository: 'team/api', digest: DIGEST };
const WAIT: WaitOptions = { pollInitialMs: 1000, pollMaxMs: 8000, startScan: true };

describe('waitForScan', () => {
  it('polls IN_PROGRESS with capped backoff and returns basic findings at COMPLETE', async () => {
    const clock = new FakeClock();
    const ecr = new FakeEcr({ describe: [...Array(6).fill(status('IN_PROGRESS')), complete([basic('CVE-1', 'HIGH')])] });
    const outcome = await waitForScan(caller(ecr, clock), TARGET, WAIT);
    expect(outcome).toMatchObject({ kind: 'findings', status: 'COMPLETE', scanType: 'basic', reads: 1, startedScan: false });
    expect(clock.sleeps).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
    expect(ecr.calls[0]?.input).toEqual({ repositoryName: 'team/api', imageId: { imageDigest: DIGEST }, maxResults: 1000 });
  });

  it('takes ACTIVE as done only once Inspector has reported: a completion time, not an empty list', async () => {
    const clock = new FakeClock();
    const findings = [enhanced('CVE-1', 'HIGH'), enhanced('CVE-2', 'CRITICAL', { fixed: '2.0' })];
    const ecr = new FakeEcr({ describe: [status('PENDING'), active([], undefined, null), active([], undefined, null), active(findings)] });
    const c = caller(ecr, clock);
    const outcome = await waitForScan(c, TARGET, WAIT);
    expect(outcome).toMatchObject({ kind: 'findings', status: 'ACTIVE', scanType: 'enhanced' });
    if (outcome.kind !== 'findings') throw new Error('expected findings');
    expect(outcome.findings.map((f) => f.id).sort()).toEqual(['CVE-1', 'CVE-2']);
    expect(c.logger.text()).toContain('ECR says ACTIVE but gives no scan completion time (imageScanCompletedAt): Amazon Inspector has not reported on this digest yet; waiting');
    expect(ecr.count('describe')).toBe(4);
  });

  it.each([
    ['ACTIVE', active([], undefined, null), /no evidence by the timeout that the scan of team\/api@sha256:a+ finished \(ECR says ACTIVE but gives no scan completion time \(imageScanCompletedAt\): Amazon Inspector has not reported on this digest yet\); failing closed/],
    ['COMPLETE', complete([], undefined, null), /ECR says COMPLETE but gives no scan completion time \(imageScanCompletedAt\): ECR has not said when the scan finished\); failing closed/],
  ])('fails closed at the timeout on %s with no findings and no completion time, naming the missing evidence', async (_name, answer, message) => {
    const clock = new FakeClock();
    const ecr = new FakeEcr({ describe: [answer] });
    await expect(waitForScan(caller(ecr, clock, 30_000), TARGET, WAIT)).rejects.toThrow(message);
    expect(ecr.count('describe')).toBeGreaterThan(2);
  });

  it('does not take a completion time from before the push as this digest’s scan', async () => {
    const clock = new FakeClock();
    const pushedAt = new Date(COMPLETED_AT.getTime() + 60_000);
    const later = new Date(pushedAt.getTime() + 5_000);
    const ecr = new FakeEcr({ describe: [complete([]), complete([basic('CVE-9', 'CRITICAL')], undefined, later)] });
    const c = caller(ecr, clock);
    const outcome = await waitForScan(c, { ...TARGET, pushedAt }, WAIT);
    expect(outcome).toMatchObject({ kind: 'findings', findings: [{ id: 'CVE-9' }] });
    expect(c.logger.text()).toContain('is before this digest was pushed (2026-06-01T12:01:00.000Z): it belongs to an earlier scan');
  });

  it('reads basic FAILED with UnsupportedImageError as UNSUPPORTED_IMAGE, and other FAILED as FAILED', async () => {
    const unsupported = new FakeEcr({ describe: [status('FAILED', 'UnsupportedImageError: The operating system and/or package manager are not supported.')] });
    expect(await waitForScan(caller(unsupported, new FakeClock()), TARGET, WAIT)).toMatchObject({ kind: 'unusable', status: 'UNSUPPORTED_IMAGE' });
    const failed = new FakeEcr({ describe: [status('FAILED', 'Scan failed: the image layers could not be read.')] });
    expect(await waitForScan(caller(failed, new FakeClock()), TARGET, WAIT)).toMatchObject({ kind: 'unusable', status: 'FAILED' });
  });

  it.each(['FAILED', 'UNSUPPORTED_IMAGE', 'SCAN_ELIGIBILITY_EXPIRED', 'FINDINGS_UNAVAILABLE', 'LIMIT_EXCEEDED', 'SOMETHING_NEW'])('ends at once on %s with its description', async (value) => {
    const clock = new FakeClock();
    const ecr = new FakeEcr({ describe: [status(value, 'because')] });
    expect(await waitForScan(caller(ecr, clock), TARGET, WAIT)).toEqual({ kind: 'unusable', status: value, description: 'because', startedScan: false });
    expect(ecr.count('describe')).toBe(1);
  });

  it('starts a scan once when none exists, then waits for it', async () => {
    const clock = new FakeClock();
    const ecr = new FakeEcr({
      describe: [awsError('ScanNotFoundException'), awsError('ScanNotFoundException'), status('IN_PROGRESS'), complete([])],
      start: [{ imageScanStatus: { status: 'IN_PROGRESS' } }],
    });
    const outcome = await waitForScan(caller(ecr, clock), TARGET, WAIT);
    expect(outcome).toMatchObject({ kind: 'findings', startedScan: true, findings: [] });
    expect(ecr.count('start')).toBe(1);
    expect(ecr.calls.find((c) => c.operation === 'start')?.input).toEqual({ repositoryName: 'team/api', imageId: { imageDigest: DIGEST } });
  });

  it('does not start a scan when told not to', async () => {
    const clock = new FakeClock();
    const ecr = new FakeEcr({ describe: [awsError('ScanNotFoundException'), complete([])] });
    await waitForScan(caller(ecr, clock), TARGET, { ...WAIT, startScan: false });
    expect(ecr.count('start')).toBe(0);
  });

  it('waits for the running scan when StartImageScan answers LimitExceededException', async () => {
    const clock = new FakeClock();
    const ecr = new FakeEcr({ describe: [awsError('ScanNotFoundException'), complete([basic('CVE-1', 'LOW')])], start: [awsError('LimitExceededException')] });
    const c = caller(ecr, clock);
    expect(await waitForScan(c, TARGET, WAIT)).toMatchObject({ kind: 'findings', startedScan: true });
    expect(c.logger.text()).toMatch(/one manual scan per image per 24 hours/);
  });

  it('reports an index or unsupported type refused by StartImageScan as UNSUPPORTED_IMAGE', async () => {
    const clock = new FakeClock();
    const ecr = new FakeEcr({ describe: [awsError('ScanNotFoundException')], start: [awsError('UnsupportedImageTypeException')] });
    expect(await waitForScan(caller(ecr, clock), TARGET, WAIT)).toMatchObject({ kind: 'unusable', status: 'UNSUPPORTED_IMAGE' });
  });

  it.each([
    ['RepositoryNotFoundException', /repository "team\/api" does not exist/],
    ['ImageNotFoundException', /is not in repository "team\/api"/],
    ['AccessDeniedException', /AccessDeniedException/],
  ])('fails at once on %s, without waiting', async (name, message) => {
    const clock = new FakeClock();
    const ecr = new FakeEcr({ describe: [awsError(name)] });
    const promise = waitForScan(caller(ecr, clock), TARGET, WAIT);
    await expect(promise).rejects.toBeInstanceOf(ApiError);
    await expect(waitForScan(caller(new FakeEcr({ describe: [awsError(name)] }), clock), TARGET, WAIT)).rejects.toThrow(message);
    expect(clock.sleeps).toEqual([]);
    expect(ecr.count('describe')).toBe(1);
  });

  it('retries throttling and server errors with capped backoff', async () => {
    const clock = new FakeClock();
    const ecr = new FakeEcr({
      describe: [awsError('ThrottlingException'), awsError('ThrottlingException'), awsError('ServerException', 500), awsError('ThrottlingException'), awsError('ThrottlingException'), awsError('ThrottlingException'), complete([])],
    });
    const c = caller(ecr, clock);
    expect(await waitForScan(c, TARGET, WAIT)).toMatchObject({ kind: 'findings' });
    expect(clock.sleeps).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    expect(c.stats.calls).toBe(7);
  });

  it('retries a request that timed out or a dropped connection like throttling', async () => {
    const clock = new FakeClock();
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const ecr = new FakeEcr({ describe: [awsError('TimeoutError', 0), reset, complete([])] });
    expect(await waitForScan(caller(ecr, clock), TARGET, WAIT)).toMatchObject({ kind: 'findings' });
    expect(ecr.count('describe')).toBe(3);
  });

  it('gives up on throttling at the deadline with the throttling error', async () => {
    const clock = new FakeClock();
    const ecr = new FakeEcr({ describe: [awsError('ThrottlingException')] });
    await expect(waitForScan(caller(ecr, clock, 10_000), TARGET, WAIT)).rejects.toThrow(/DescribeImageScanFindings failed: ThrottlingException/);
    expect(clock.now() - Date.parse('2026-06-01T12:00:00Z')).toBeLessThanOrEqual(10_000);
  });

  it('times out with the last status when the scan never finishes', async () => {
    const clock = new FakeClock();
    const ecr = new FakeEcr({ describe: [status('IN_PROGRESS')] });
    await expect(waitForScan(caller(ecr, clock, 60_000), TARGET, WAIT)).rejects.toThrow(ScanTimeout);
    await expect(waitForScan(caller(ecr, clock, 60_000), TARGET, WAIT)).rejects.toThrow(/last status: IN_PROGRESS/);
  });

  it('uses at most 15 calls for a 60-second scan with the default schedule', async () => {
    const clock = new FakeClock();
    const start = clock.now();
    const ecr = new FakeEcr({ describe: [() => (clock.now() - start < 60_000 ? status('IN_PROGRESS') : complete([]))] });
    const c = caller(ecr, clock);
    await waitForScan(c, TARGET, { pollInitialMs: 2000, pollMaxMs: 10_000, startScan: true });
    expect(c.stats.calls).toBeLessThanOrEqual(15);
    expect(clock.now() - start - 60_000).toBeLessThanOrEqual(10_000);
  });

  it('with the expected completion time, reads densely around it: within 2 s of a 60-second scan and still at most 15 calls', async () => {
    const clock = new FakeClock();
    const start = clock.now();
    const reads: number[] = [];
    const ecr = new FakeEcr({ describe: [() => (reads.push(clock.now() - start), clock.now() - start < 60_000 ? status('IN_PROGRESS') : complete([]))] });
    const c = caller(ecr, clock);
    await waitForScan(c, TARGET, waitOptions(10_000, true, 60_000));
    expect(reads).toEqual([0, 2000, 6000, 14_000, 24_000, 34_000, 44_000, 50_000, 52_000, 54_000, 56_000, 58_000, 60_000]);
    // Plus BatchGetImage and DescribeImages before the wait: 15 in all.
    expect(c.stats.calls + 2).toBeLessThanOrEqual(15);
  });

  it('backs off again once the expected time has passed well behind', () => {
    const options = waitOptions(10_000, true, 60_000);
    expect(pauseBefore(options, 9, 65_000)).toBe(2000);
    expect(pauseBefore(options, 9, 70_000)).toBe(10_000);
    expect(pauseBefore(waitOptions(10_000, true), 9, 55_000)).toBe(10_000);
  });
});
