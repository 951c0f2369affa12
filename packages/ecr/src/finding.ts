import type { EnhancedImageScanFinding, ImageScanFinding } from '@aws-sdk/client-ecr';
import { parseSeverity, severityRank, type Severity } from './severity.js';

export type FixAvailability = 'yes' | 'partial' | 'no' | 'unknown';

/** One vulnerability in one package, the same shape for basic and enhanced scanning. */
export interface Finding {
  /** CVE (or other advisory) id. */
  id: string;
  severity: Severity;
  packageName?: string;
  packageVersion?: string;
  fixedVersion?: string;
  /** Enhanced scanning says; basic scanning does not, so its findings are `unknown`. */
  fixAvailable: FixAvailability;
  cvss?: number;
  url?: string;
  title?: string;
}

/** Basic scanning: package and CVSS live in `attributes` key/value pairs. */
export function fromBasicFinding(raw: ImageScanFinding): Finding {
  const attribute = (key: string) => text(raw.attributes?.find((a) => a.key === key)?.value);
  const score = Number(attribute('CVSS3_SCORE') ?? attribute('CVSS2_SCORE') ?? Number.NaN);
  return compact({
    id: raw.name ?? 'unknown',
    severity: parseSeverity(raw.severity ?? '') ?? 'UNDEFINED',
    packageName: attribute('package_name'),
    packageVersion: attribute('package_version'),
    fixAvailable: 'unknown',
    cvss: Number.isFinite(score) ? score : undefined,
    url: raw.uri,
    title: raw.description,
  });
}

/** Enhanced scanning (Amazon Inspector): one finding per vulnerable package it lists. */
export function fromEnhancedFinding(raw: EnhancedImageScanFinding): Finding[] {
  const details = raw.packageVulnerabilityDetails;
  const id = details?.vulnerabilityId ?? raw.title ?? raw.findingArn ?? 'unknown';
  const score = raw.scoreDetails?.cvss?.score ?? raw.score ?? details?.cvss?.find((c) => c.baseScore !== undefined)?.baseScore;
  const shared = {
    id,
    severity: parseSeverity(raw.severity ?? '') ?? 'UNDEFINED',
    fixAvailable: fixAvailability(raw.fixAvailable),
    cvss: score,
    url: details?.sourceUrl ?? details?.referenceUrls?.[0] ?? raw.remediation?.recommendation?.url,
    title: raw.title ?? raw.description,
  } satisfies Finding;
  const packages = details?.vulnerablePackages ?? [];
  if (packages.length === 0) return [compact(shared)];
  return packages.map((p) => compact({ ...shared, packageName: text(p.name), packageVersion: text(p.version), fixedVersion: text(p.fixedInVersion) }));
}

function fixAvailability(value: string | undefined): FixAvailability {
  switch ((value ?? '').toUpperCase()) {
    case 'YES':
      return 'yes';
    case 'PARTIAL':
      return 'partial';
    case 'NO':
      return 'no';
    default:
      return 'unknown';
  }
}

/** Identity of a finding across reads and platforms. */
export function findingKey(finding: Finding): string {
  return `${finding.id}\u0000${finding.packageName ?? ''}\u0000${finding.packageVersion ?? ''}`;
}

/** Most severe first, then highest CVSS, then id: the order a reviewer reads. */
export function bySeverity<T extends Finding>(findings: readonly T[]): T[] {
  return [...findings].sort(
    (a, b) => severityRank(a.severity) - severityRank(b.severity) || (b.cvss ?? -1) - (a.cvss ?? -1) || a.id.localeCompare(b.id) || (a.packageName ?? '').localeCompare(b.packageName ?? ''),
  );
}

/** Versions like 2.36 sometimes arrive as JSON numbers from hand-written fixtures and proxies. */
function text(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '')) as T;
}
