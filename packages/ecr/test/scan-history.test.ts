import { describe, expect, it } from '@jest/globals';
import type { ImageDetail } from '@aws-sdk/client-ecr';
import { MemoryLogger } from '@eks-kit/core';
import { DEFAULT_WAIT, runScanGate, scanTimeOf, type GateOptions } from '../src/index.js';
import { awsError, complete, DIGEST, FakeClock, FakeEcr, status } from './fakes.js';

const T0 = Date.parse('2026-06-01T12:00:00Z');
const MINUTE = 60_000;

/** An earlier image: pushed `ago` ms before T0, its scan done `took` ms after its push. */
function earlier(n: number, ago: number, took: number | undefined): ImageDetail {
  const pushed = new Date(T0 - ago);
  return {
    imageDigest: `sha256:${String(n).repeat(64).slice(0, 64)}`,
    imagePushedAt: pushed,
    ...(took === undefined ? {} : { imageScanFindingsSummary: { imageScanCompletedAt: new Date(pushed.getTime() + took) } }),
  };
}

describe('scanTimeOf: how long scans take in a repository', () => {
  it('takes the median push-to-completion of the five most recently pushed scanned images', () => {
    const details = [earlier(1, 10 * MINUTE, 58_000), earlier(2, 20 * MINUTE, 61_000), earlier(3, 30 * MINUTE, 60_000), earlier(4, 40 * MINUTE, 95_000), earlier(5, 50 * MINUTE, 59_000), earlier(6, 60 * MINUTE, 1_000)];
    // The sixth (1 s, the oldest) is not among the five most recent.
    expect(scanTimeOf(details, new Set())).toEqual({ durationMs: 60_000, spreadMs: 37_000, images: 5 });
  });

  it('leaves out this image, unscanned images, rescans long after the push and clocks that disagree', () => {
    const details = [earlier(1, MINUTE, 30_000), earlier(2, 2 * MINUTE, undefined), earlier(3, 3 * DAY(), DAY()), earlier(4, 4 * MINUTE, -5_000), earlier(5, 5 * MINUTE, 62_000)];
    expect(scanTimeOf(details, new Set([details[0]!.imageDigest!]))).toEqual({ durationMs: 62_000, spreadMs: 0, images: 1 });
    expect(scanTimeOf([earlier(2, MINUTE, undefined)], new Set())).toBeUndefined();
  });
});

function DAY(): number {
  return 24 * 60 * MINUTE;
}

/**
 * The second week: this image was pushed at T0 and its scan finishes 60 s later, as the earlier
 * images' scans did. DescribeImages with imageIds answers this image's push time; without, the
 * repository's images.
 */
function secondWeek(history: ImageDetail[] | Error) {
  const clock = new FakeClock(T0);
  const reads: number[] = [];
  const ecr = new FakeEcr({
    batchGet: [{ images: [{ imageId: { imageDigest: DIGEST, imageTag: 'v2' }, imageManifestMediaType: 'application/vnd.oci.image.manifest.v1+json', imageManifest: '{}' }], failures: [] }],
    describeImages: [(input: { imageIds?: unknown }) => (input.imageIds ? { imageDetails: [{ imageDigest: DIGEST, imagePushedAt: new Date(T0) }] } : history instanceof Error ? history : { imageDetails: history })],
    describe: [() => (reads.push(clock.now() - T0), clock.now() - T0 < 60_000 ? status('IN_PROGRESS') : complete([], undefined, new Date(T0 + 60_000)))],
  });
  const logger = new MemoryLogger();
  const options: GateOptions = { client: ecr, clock, logger, reference: { repository: 'team/api', tag: 'v2' }, policy: { thresholds: {}, failOn: 'HIGH', fixableOnly: false, allowlist: [], acceptStatuses: [] }, wait: DEFAULT_WAIT, timeoutMs: 300_000 };
  return { ecr, clock, reads, logger, run: () => runScanGate(options) };
}

describe('the default schedule learns the expected scan time from the repository', () => {
  it('a 60-second scan, as last week’s were: the verdict within 2 s of the completion, at most 15 calls in all', async () => {
    const week = secondWeek([earlier(1, 7 * DAY(), 60_000), earlier(2, 8 * DAY(), 61_000), earlier(3, 9 * DAY(), 59_000)]);
    const result = await week.run();
    expect(result.pass).toBe(true);
    expect(week.reads.at(-1)).toBe(60_000);
    expect(week.clock.now() - (T0 + 60_000)).toBeLessThanOrEqual(2000);
    // Dense 2 s reads from the earliest the earlier scans suggest (59 s of 59-61 s), landing there from the backoff.
    expect(week.reads).toEqual([0, 2000, 6000, 14_000, 24_000, 34_000, 44_000, 54_000, 58_000, 60_000]);
    expect(result.apiCalls).toBeLessThanOrEqual(15);
    expect(week.ecr.count('describeImages')).toBe(2);
    expect(week.logger.text()).toContain('earlier scans in team/api took 60 s from push to completion (median of 3, spread 2 s)');
  });

  it('the first week (nothing scanned before) and a caller without ecr:DescribeImages keep the plain backoff', async () => {
    for (const history of [[earlier(1, DAY(), undefined)], awsError('AccessDeniedException')]) {
      const week = secondWeek(history);
      const result = await week.run();
      expect(result.pass).toBe(true);
      expect(week.reads).toEqual([0, 2000, 6000, 14_000, 24_000, 34_000, 44_000, 54_000, 64_000]);
    }
  });

  it('costs no call when the scan is already final at the first read, and never replaces the evidence rule', async () => {
    const done = secondWeek([earlier(1, DAY(), 60_000)]);
    done.clock.time = T0 + 5 * MINUTE;
    await done.run();
    expect(done.ecr.count('describeImages')).toBe(1);

    // The repository says scans take 1 s; this one gives no completion time: still no pass.
    const clock = new FakeClock(T0);
    const ecr = new FakeEcr({
      batchGet: [{ images: [{ imageId: { imageDigest: DIGEST }, imageManifestMediaType: 'application/vnd.oci.image.manifest.v1+json', imageManifest: '{}' }], failures: [] }],
      describeImages: [(input: { imageIds?: unknown }) => ({ imageDetails: input.imageIds ? [{ imageDigest: DIGEST, imagePushedAt: new Date(T0) }] : [earlier(1, DAY(), 1000)] })],
      describe: [complete([], undefined, null)],
    });
    await expect(runScanGate({ client: ecr, clock, logger: new MemoryLogger(), reference: { repository: 'team/api', digest: DIGEST }, policy: { thresholds: {}, failOn: 'HIGH', fixableOnly: false, allowlist: [], acceptStatuses: [] }, wait: DEFAULT_WAIT, timeoutMs: 60_000 })).rejects.toThrow(/failing closed/);
  });
});
