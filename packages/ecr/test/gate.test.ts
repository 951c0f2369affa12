import { describe, expect, it } from '@jest/globals';
import { ApiError, MemoryLogger } from '@eks-kit/core';
import { formatSarif, formatTextReport, resolveImage, runScanGate, type GateOptions, type Policy } from '../src/index.js';
import { awsError, basic, caller, complete, DIGEST, FakeClock, FakeEcr, status } from './fakes.js';

const AMD = `sha256:${'1'.repeat(64)}`;
const ARM = `sha256:${'2'.repeat(64)}`;
const ATTESTATION = `sha256:${'3'.repeat(64)}`;
const INDEX = JSON.stringify({
  schemaVersion: 2,
  mediaType: 'application/vnd.oci.image.index.v1+json',
  manifests: [
    { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: AMD, size: 1, platform: { os: 'linux', architecture: 'amd64' } },
    { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: ARM, size: 1, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
    {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: ATTESTATION,
      size: 1,
      platform: { os: 'unknown', architecture: 'unknown' },
      annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': AMD },
    },
  ],
});

function single(digest = DIGEST) {
  return { images: [{ imageId: { imageDigest: digest, imageTag: 'v1' }, imageManifestMediaType: 'application/vnd.oci.image.manifest.v1+json', imageManifest: '{}' }], failures: [] };
}

function policy(overrides: Partial<Policy> = {}): Policy {
  return { thresholds: {}, failOn: 'HIGH', fixableOnly: false, allowlist: [], acceptStatuses: [], ...overrides };
}

function options(ecr: FakeEcr, overrides: Partial<GateOptions> = {}): GateOptions {
  return {
    client: ecr,
    clock: new FakeClock(),
    logger: new MemoryLogger(),
    reference: { repository: 'team/api', tag: 'v1' },
    policy: policy(),
    wait: { pollInitialMs: 1000, pollMaxMs: 5000, startScan: true },
    timeoutMs: 300_000,
    ...overrides,
  };
}

describe('resolveImage', () => {
  it('opens an index and skips attestation manifests', async () => {
    const ecr = new FakeEcr({ batchGet: [{ images: [{ imageId: { imageDigest: DIGEST }, imageManifestMediaType: 'application/vnd.oci.image.index.v1+json', imageManifest: INDEX }] }] });
    const resolved = await resolveImage(caller(ecr, new FakeClock()), { repository: 'team/api', tag: 'v1' });
    expect(resolved).toEqual({
      digest: DIGEST,
      multiArch: true,
      skippedAttestations: 1,
      images: [
        { repository: 'team/api', digest: AMD, platform: 'linux/amd64' },
        { repository: 'team/api', digest: ARM, platform: 'linux/arm64/v8' },
      ],
    });
    expect(ecr.calls[0]?.input).toMatchObject({ repositoryName: 'team/api', imageIds: [{ imageTag: 'v1' }] });
  });

  it('names a missing tag and a missing repository', async () => {
    const missingTag = new FakeEcr({ batchGet: [{ images: [], failures: [{ failureCode: 'ImageNotFound', failureReason: 'Requested image not found' }] }] });
    await expect(resolveImage(caller(missingTag, new FakeClock()), { repository: 'team/api', tag: 'v9' })).rejects.toThrow('tag "v9" is not in repository "team/api" (Requested image not found)');
    const missingRepo = new FakeEcr({ batchGet: [awsError('RepositoryNotFoundException')] });
    await expect(resolveImage(caller(missingRepo, new FakeClock()), { repository: 'nope', tag: 'v1', registryId: '111122223333' })).rejects.toThrow(/repository "nope" does not exist in registry 111122223333/);
  });
});

describe('runScanGate', () => {
  it('passes a clean image and counts its calls', async () => {
    const ecr = new FakeEcr({ batchGet: [single()], describe: [status('IN_PROGRESS'), complete([basic('CVE-1', 'MEDIUM')])] });
    const result = await runScanGate(options(ecr));
    expect(result.pass).toBe(true);
    expect(result.counts.MEDIUM).toBe(1);
    expect(result.totalFindings).toBe(1);
    // BatchGetImage, DescribeImages (the push time), two DescribeImageScanFindings.
    expect(result.apiCalls).toBe(4);
    expect(ecr.count('describeImages')).toBe(1);
    expect(formatTextReport(result)).toMatch(/^PASS team\/api@sha256:a+\n/);
  });

  it('gates each platform of a multi-arch index and fails when one fails', async () => {
    const ecr = new FakeEcr({
      batchGet: [{ images: [{ imageId: { imageDigest: DIGEST }, imageManifestMediaType: 'application/vnd.oci.image.index.v1+json', imageManifest: INDEX }] }],
      describe: [(input: { imageId: { imageDigest: string } }) => (input.imageId.imageDigest === ARM ? complete([basic('CVE-9', 'CRITICAL')]) : complete([basic('CVE-1', 'LOW')]))],
    });
    const result = await runScanGate(options(ecr));
    expect(result.pass).toBe(false);
    expect(result.platforms.map((p) => [p.image.platform, p.pass])).toEqual([
      ['linux/amd64', true],
      ['linux/arm64/v8', false],
    ]);
    expect(ecr.calls.filter((c) => c.operation === 'describe').map((c) => (c.input.imageId as { imageDigest: string }).imageDigest).sort()).toEqual([AMD, ARM]);
    expect(result.platforms[1]?.reason).toBe('1 critical (limit 0)');
  });

  it('fails closed on FAILED unless the policy accepts the status', async () => {
    const script = () => new FakeEcr({ batchGet: [single()], describe: [status('FAILED', 'layers unreadable')] });
    const closed = await runScanGate(options(script()));
    expect(closed.pass).toBe(false);
    expect(closed.platforms[0]?.reason).toBe('scan status FAILED: the scan failed: layers unreadable');
    const accepted = await runScanGate(options(script(), { policy: policy({ acceptStatuses: ['FAILED'] }) }));
    expect(accepted.pass).toBe(true);
  });

  it('reports used, expired and stale allowlist entries', async () => {
    const allowlist = [
      { id: 'CVE-1', reason: 'ok', expires: '2027-01-01', source: 'a.yaml:1' },
      { id: 'CVE-2', reason: 'old', expires: '2026-01-01', source: 'a.yaml:4' },
      { id: 'CVE-404', reason: 'gone', expires: '2027-01-01', source: 'a.yaml:7' },
    ];
    const ecr = new FakeEcr({ batchGet: [single()], describe: [complete([basic('CVE-1', 'CRITICAL'), basic('CVE-2', 'HIGH')])] });
    const result = await runScanGate(options(ecr, { policy: policy({ allowlist }) }));
    expect(result.pass).toBe(false);
    expect(result.allowlist.used.map((e) => e.id)).toEqual(['CVE-1']);
    expect(result.allowlist.expired.map((e) => e.id)).toEqual(['CVE-2']);
    expect(result.allowlist.stale.map((e) => e.id)).toEqual(['CVE-404']);
    expect(result.counts).toMatchObject({ CRITICAL: 0, HIGH: 1 });
  });

  it('fails at once when the repository does not exist', async () => {
    const clock = new FakeClock();
    const ecr = new FakeEcr({ batchGet: [awsError('RepositoryNotFoundException')] });
    await expect(runScanGate(options(ecr, { clock }))).rejects.toBeInstanceOf(ApiError);
    expect(clock.sleeps).toEqual([]);
  });

  it('writes SARIF with one rule per vulnerability and the counted findings only', async () => {
    const allowlist = [{ id: 'CVE-2', reason: 'ok', expires: '2027-01-01', source: 'a.yaml:1' }];
    const ecr = new FakeEcr({ batchGet: [single()], describe: [complete([basic('CVE-1', 'CRITICAL', { cvss: 9.1 }), basic('CVE-2', 'HIGH')])] });
    const result = await runScanGate(options(ecr, { policy: policy({ allowlist }) }));
    const sarif = JSON.parse(formatSarif(result, { version: '1.0.0', artifactPath: 'Dockerfile' })) as { runs: { tool: { driver: { rules: { id: string; properties: Record<string, unknown> }[] } }; results: { ruleId: string; level: string }[] }[] };
    expect(sarif.runs[0]?.results).toEqual([expect.objectContaining({ ruleId: 'CVE-1', level: 'error' })]);
    expect(sarif.runs[0]?.tool.driver.rules[0]?.properties['security-severity']).toBe('9.1');
  });
});
