/**
 * What the sandbox's scanner reports for the demo's images. The advisories are made up (CVE-2099-*,
 * a year no real advisory has) but name the Debian packages and versions the base image really
 * holds. The images of both releases share their base layers, so the second week differs the way a
 * vulnerability database changes under an unchanged image: one advisory was rejected since and
 * drops out (the gate calls it fixed), one was newly published (new).
 */
import type { FindingFixture, ScanFixture } from '@eks-kit/sandbox';

function advisory(id: string, severity: FindingFixture['severity'], packageName: string, packages: Record<string, string>, extra: Partial<FindingFixture> = {}): FindingFixture[] {
  const packageVersion = packages[packageName];
  return packageVersion === undefined ? [] : [{ id, severity, packageName, packageVersion, ...extra }];
}

export function scanReport(packages: Record<string, string>, week: 1 | 2): ScanFixture {
  const unchanged = [
    ...advisory('CVE-2099-1001', 'MEDIUM', 'libc6', packages, { cvssScore: 5.5, description: 'Made-up advisory: a heap overflow in a rarely used locale function.' }),
    ...advisory('CVE-2099-1002', 'LOW', 'libstdc++6', packages, { cvssScore: 3.3, description: 'Made-up advisory: an out-of-bounds read in a debugging routine.' }),
  ];
  const rejected = advisory('CVE-2099-1003', 'LOW', 'busybox-static', packages, { cvssScore: 2.5, description: 'Made-up advisory, rejected in the second week.' });
  const published = advisory('CVE-2099-1004', 'MEDIUM', 'nodejs', packages, { cvssScore: 6.5, description: 'Made-up advisory, published in the second week: a request smuggling case in the HTTP parser.' });
  const findings = week === 1 ? [...unchanged, ...rejected] : [...unchanged, ...published];
  if (findings.length !== 3) throw new Error(`the base image lacks a package the demo's scan report names (it has ${Object.keys(packages).join(', ')})`);
  return { findings };
}
