import { describe, expect, it } from '@jest/globals';
import { fromBasicFinding, fromEnhancedFinding, readAllFindings } from '../src/index.js';
import { basic, caller, complete, DIGEST, enhanced, FakeClock, FakeEcr } from './fakes.js';

describe('finding normalisation', () => {
  it('reads package, version, CVSS and link from basic attributes', () => {
    expect(fromBasicFinding(basic('CVE-2024-1', 'HIGH', { pkg: 'zlib', version: '1.2.11', cvss: 7.5 }))).toEqual({
      id: 'CVE-2024-1',
      severity: 'HIGH',
      packageName: 'zlib',
      packageVersion: '1.2.11',
      fixAvailable: 'unknown',
      cvss: 7.5,
      url: 'https://nvd.nist.gov/vuln/detail/CVE-2024-1',
    });
  });

  it('reads fix status, fixed version and score from enhanced findings; UNTRIAGED is UNDEFINED', () => {
    const [finding] = fromEnhancedFinding(enhanced('CVE-2024-2', 'CRITICAL', { pkg: 'openssl', fixed: '3.0.13', cvss: 9.8 }));
    expect(finding).toMatchObject({ id: 'CVE-2024-2', severity: 'CRITICAL', packageName: 'openssl', fixedVersion: '3.0.13', fixAvailable: 'yes', cvss: 9.8 });
    expect(fromEnhancedFinding({ ...enhanced('CVE-3', 'UNTRIAGED'), fixAvailable: undefined })[0]).toMatchObject({ severity: 'UNDEFINED', fixAvailable: 'unknown' });
  });
});

describe('readAllFindings', () => {
  it('follows nextToken through 10,000 findings with 1,000 a page', async () => {
    const all = Array.from({ length: 10_000 }, (_, i) => basic(`CVE-2024-${i}`, ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'][i % 4]!));
    const ecr = new FakeEcr({
      describe: [
        (input: { nextToken?: string; maxResults: number }) => {
          const start = Number(input.nextToken ?? 0);
          const end = start + input.maxResults;
          return complete(all.slice(start, end), end < all.length ? String(end) : undefined);
        },
      ],
    });
    const read = await readAllFindings(caller(ecr, new FakeClock()), { repository: 'r', digest: DIGEST });
    expect(read.findings).toHaveLength(10_000);
    expect(read.pages).toBe(10);
    expect(new Set(read.findings.map((f) => f.id)).size).toBe(10_000);
    expect(ecr.calls.map((c) => c.input.nextToken)).toEqual([undefined, '1000', '2000', '3000', '4000', '5000', '6000', '7000', '8000', '9000']);
  });

  it('stops on a repeated token instead of looping', async () => {
    const ecr = new FakeEcr({ describe: [complete([basic('CVE-1', 'LOW')], 'same')] });
    const read = await readAllFindings(caller(ecr, new FakeClock()), { repository: 'r', digest: DIGEST });
    expect(read.pages).toBe(2);
  });
});
