import { describe, expect, it } from '@jest/globals';
import { InputError, MemoryLogger } from '@eks-kit/core';
import { baselineFromInputs, compareFindings, parseFailOnRule, runScanGate, type Finding, type GateOptions, type Policy } from '../src/index.js';
import { awsError, basic, complete, DIGEST, FakeClock, FakeEcr, status } from './fakes.js';

const BASE = `sha256:${'b'.repeat(64)}`;
const IMAGE = { repository: 'team/api', tag: 'pr-7' };

function finding(id: string, packageName: string, packageVersion = '1.0'): Finding {
  return { id, severity: 'HIGH', packageName, packageVersion, fixAvailable: 'unknown' };
}

function image(digest: string) {
  return { images: [{ imageId: { imageDigest: digest }, imageManifestMediaType: 'application/vnd.oci.image.manifest.v1+json', imageManifest: '{}' }], failures: [] };
}

/** An ECR whose answers depend on which digest or tag is asked for: the image under test, or the baseline. */
function ecrWith(current: ReturnType<typeof complete>, baseline: ReturnType<typeof complete> | Error, baselineImage: object | Error = image(BASE)) {
  return new FakeEcr({
    batchGet: [(input: { imageIds: { imageTag?: string }[] }) => (input.imageIds[0]?.imageTag === 'main' ? baselineImage : image(DIGEST)) as never],
    describe: [(input: { imageId: { imageDigest: string } }) => (input.imageId.imageDigest === BASE ? baseline : current) as never],
  });
}

function options(ecr: FakeEcr, policy: Partial<Policy>, baseline: GateOptions['baseline'] = { reference: { repository: 'team/api', tag: 'main' }, source: 'base-branch' }): GateOptions {
  return {
    client: ecr,
    clock: new FakeClock(),
    logger: new MemoryLogger(),
    reference: IMAGE,
    policy: { thresholds: {}, failOn: 'HIGH', fixableOnly: false, allowlist: [], acceptStatuses: [], ...policy },
    ...(baseline ? { baseline } : {}),
    wait: { pollInitialMs: 1000, pollMaxMs: 5000, startScan: true },
    timeoutMs: 60_000,
  };
}

describe('compareFindings', () => {
  it('keys on vulnerability and package, so a version bump that keeps the CVE is not new', () => {
    const delta = compareFindings([finding('CVE-1', 'openssl', '3.0.13'), finding('CVE-2', 'zlib'), finding('CVE-2', 'zlib', '1.3')], [finding('CVE-1', 'openssl', '3.0.11'), finding('CVE-3', 'curl')]);
    expect(delta.added.map((f) => f.id)).toEqual(['CVE-2']);
    expect(delta.fixed.map((f) => f.id)).toEqual(['CVE-3']);
    expect(delta.unchanged).toBe(1);
  });
});

describe('parseFailOnRule and baselineFromInputs', () => {
  it('reads new, new:<severity> and the plain severities', () => {
    expect(parseFailOnRule('new', 'fail-on')).toEqual({ failOn: 'HIGH', gateOn: 'new' });
    expect(parseFailOnRule('New:Critical', 'fail-on')).toEqual({ failOn: 'CRITICAL', gateOn: 'new' });
    expect(parseFailOnRule('medium', 'fail-on')).toEqual({ failOn: 'MEDIUM', gateOn: 'all' });
    expect(() => parseFailOnRule('new:severe', 'fail-on')).toThrow('fail-on: "new:severe" names no severity after "new:"');
  });

  it('defaults to the base branch tag on a pull request, and says why there is none elsewhere', () => {
    expect(baselineFromInputs('', IMAGE, 'release/1.x', 'baseline')).toEqual({ reference: { repository: 'team/api', tag: 'release-1.x' }, source: 'base-branch' });
    expect(baselineFromInputs('', IMAGE, undefined, 'baseline')).toEqual({ absent: expect.stringContaining('not for a pull request') });
    expect(baselineFromInputs('none', IMAGE, 'main', 'baseline')).toBeUndefined();
    expect(baselineFromInputs(BASE, { ...IMAGE, registryId: '111122223333' }, 'main', 'baseline')).toEqual({ reference: { repository: 'team/api', registryId: '111122223333', digest: BASE }, source: 'input' });
    expect(() => baselineFromInputs('team/api:main', IMAGE, undefined, 'baseline')).toThrow(InputError);
  });
});

describe('runScanGate with a baseline', () => {
  const current = complete([basic('CVE-OLD', 'CRITICAL', { pkg: 'openssl' }), basic('CVE-NEW', 'HIGH', { pkg: 'zlib' })]);

  it('fail-on new judges only what the baseline lacks, and reports new and fixed', async () => {
    const ecr = ecrWith(current, complete([basic('CVE-OLD', 'CRITICAL', { pkg: 'openssl' }), basic('CVE-GONE', 'LOW', { pkg: 'curl' })]));
    const result = await runScanGate(options(ecr, { failOn: 'CRITICAL', gateOn: 'new' }));
    expect(result.pass).toBe(true);
    expect(result.platforms[0]?.reason).toBe('1 new finding of 2, 1 counted, within the policy');
    expect(result.delta?.added.map((f) => f.id)).toEqual(['CVE-NEW']);
    expect(result.delta?.fixed.map((f) => f.id)).toEqual(['CVE-GONE']);
    expect(result.baseline).toMatchObject({ kind: 'found', digest: BASE });

    const strict = await runScanGate(options(ecrWith(current, complete([basic('CVE-OLD', 'CRITICAL', { pkg: 'openssl' })])), { failOn: 'HIGH', gateOn: 'new' }));
    expect(strict.pass).toBe(false);
    expect(strict.platforms[0]?.reason).toBe('1 high (limit 0) among the new findings');
  });

  it('keeps the ordinary verdict with fail-on high, and only adds the comparison', async () => {
    const result = await runScanGate(options(ecrWith(current, complete([basic('CVE-OLD', 'CRITICAL', { pkg: 'openssl' })])), {}));
    expect(result.pass).toBe(false);
    expect(result.platforms[0]?.reason).toBe('1 critical (limit 0), 1 high (limit 0)');
    expect(result.delta?.added).toHaveLength(1);
  });

  it('fails closed under fail-on new when the baseline tag is missing, or judges all when told', async () => {
    const missing = new Error('unused');
    const notThere = { images: [], failures: [{ imageId: { imageTag: 'main' }, failureCode: 'ImageNotFound', failureReason: 'Requested image not found' }] };
    const closed = await runScanGate(options(ecrWith(current, missing as never, notThere), { gateOn: 'new' }));
    expect(closed.pass).toBe(false);
    expect(closed.platforms[0]?.reason).toBe('no baseline to find new findings against (team/api:main does not exist (nothing was pushed under it yet)); failing closed rather than calling every finding old');
    expect(closed.baseline?.kind).toBe('missing');
    expect(closed.delta).toBeUndefined();

    const all = await runScanGate(options(ecrWith(complete([basic('CVE-NEW', 'LOW', { pkg: 'zlib' })]), missing as never, notThere), { gateOn: 'new', baselineMissing: 'all' }));
    expect(all.pass).toBe(true);
    expect(all.platforms[0]?.reason).toMatch(/^1 finding, 1 counted, within the policy \(no baseline, so every finding was judged: /);
  });

  it('does not read a baseline whose scan has not finished or does not exist as clean', async () => {
    const inProgress = await runScanGate(options(ecrWith(current, status('IN_PROGRESS') as never), { gateOn: 'new' }));
    expect(inProgress.baseline).toEqual(expect.objectContaining({ kind: 'missing', reason: `the scan of team/api@${BASE} is IN_PROGRESS, not complete` }));
    expect(inProgress.pass).toBe(false);
    const noTime = await runScanGate(options(ecrWith(current, complete([], undefined, null)), { gateOn: 'new' }));
    expect(noTime.baseline).toEqual(expect.objectContaining({ kind: 'missing', reason: expect.stringContaining('gives no scan completion time') }));
    const noScan = await runScanGate(options(ecrWith(current, awsError('ScanNotFoundException', 400, 'no scan') as never), { gateOn: 'new' }));
    expect(noScan.baseline).toEqual(expect.objectContaining({ kind: 'missing', reason: `team/api@${BASE} has no scan` }));
  });

  it('reads the baseline once this image\'s scan is final: the base branch\'s push just before is scanned by then', async () => {
    // Both scans run side by side and finish together, after three reads of this image.
    let reads = 0;
    const ecr = new FakeEcr({
      batchGet: [(input: { imageIds: { imageTag?: string }[] }) => (input.imageIds[0]?.imageTag === 'main' ? image(BASE) : image(DIGEST)) as never],
      describe: [
        (input: { imageId: { imageDigest: string } }) => {
          if (input.imageId.imageDigest === BASE) return (reads < 3 ? status('IN_PROGRESS') : complete([basic('CVE-OLD', 'CRITICAL', { pkg: 'openssl' })])) as never;
          reads++;
          return (reads < 3 ? status('IN_PROGRESS') : current) as never;
        },
      ],
    });
    const result = await runScanGate(options(ecr, { gateOn: 'new' }));
    expect(result.baseline).toMatchObject({ kind: 'found', digest: BASE });
    expect(result.delta?.added.map((f) => f.id)).toEqual(['CVE-NEW']);
    expect(result.platforms[0]?.reason).toBe('1 high (limit 0) among the new findings');
  });

  it('says why there is no baseline outside a pull request', async () => {
    const result = await runScanGate(options(ecrWith(current, complete([])), { gateOn: 'new' }, { absent: 'this run is not for a pull request' }));
    expect(result.pass).toBe(false);
    expect(result.platforms[0]?.reason).toContain('(this run is not for a pull request)');
  });
});
