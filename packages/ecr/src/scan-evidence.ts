import type { DescribeImageScanFindingsCommandOutput } from '@aws-sdk/client-ecr';

/**
 * What ECR must show before scan-gate believes the scan of a digest has finished. A status of
 * COMPLETE or ACTIVE with an empty list is not enough: enhanced scanning says ACTIVE before Amazon
 * Inspector has reported, and a proxy or a stale cache can say COMPLETE with nothing in it. The
 * evidence is the scan completion time, at or after the digest was pushed when the push time is known.
 */
export function missingEvidence(page: DescribeImageScanFindingsCommandOutput, pushedAt: Date | undefined): string | undefined {
  const status = page.imageScanStatus?.status ?? 'unknown';
  const completedAt = page.imageScanFindings?.imageScanCompletedAt;
  if (!(completedAt instanceof Date) || Number.isNaN(completedAt.getTime())) {
    const who = status === 'ACTIVE' ? 'Amazon Inspector has not reported on this digest yet' : 'ECR has not said when the scan finished';
    return `ECR says ${status} but gives no scan completion time (imageScanCompletedAt): ${who}`;
  }
  // ECR keeps whole seconds for some timestamps and fractions for others: compare whole seconds.
  if (pushedAt && Math.floor(completedAt.getTime() / 1000) < Math.floor(pushedAt.getTime() / 1000)) {
    return `the scan completion time ${completedAt.toISOString()} is before this digest was pushed (${pushedAt.toISOString()}): it belongs to an earlier scan`;
  }
  return undefined;
}

/** The timestamps that vouch for a finished scan, for the log and the report. */
export function evidenceLine(page: DescribeImageScanFindingsCommandOutput, pushedAt: Date | undefined): string {
  const findings = page.imageScanFindings;
  const parts = [`scan completed ${findings?.imageScanCompletedAt?.toISOString() ?? '?'}`];
  if (pushedAt) parts.push(`pushed ${pushedAt.toISOString()}`);
  if (findings?.vulnerabilitySourceUpdatedAt) parts.push(`vulnerability data of ${findings.vulnerabilitySourceUpdatedAt.toISOString()}`);
  return parts.join(', ');
}
