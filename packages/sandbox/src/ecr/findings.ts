import { createHash } from 'node:crypto';
import { epochSeconds } from '../aws/errors.js';

/** Final statuses a scan can reach; `IN_PROGRESS`/`PENDING` are the states before that. */
export type ScanStatus =
  | 'IN_PROGRESS'
  | 'COMPLETE'
  | 'FAILED'
  | 'UNSUPPORTED_IMAGE'
  | 'ACTIVE'
  | 'PENDING'
  | 'SCAN_ELIGIBILITY_EXPIRED'
  | 'FINDINGS_UNAVAILABLE'
  | 'LIMIT_EXCEEDED'
  | 'IMAGE_ARCHIVED';

export type Severity = 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL' | 'UNDEFINED';

/** One vulnerability, written once in a scenario and rendered in the basic or enhanced shape. */
export interface FindingFixture {
  id: string;
  severity: Severity;
  packageName: string;
  packageVersion: string;
  fixedInVersion?: string;
  description?: string;
  cvssScore?: number;
  cvssVector?: string;
}

/** What a scan of an image ends with. */
export interface ScanFixture {
  /** Default: COMPLETE for basic scanning, ACTIVE for enhanced. */
  status?: ScanStatus;
  description?: string;
  findings?: FindingFixture[];
}

export interface ImageContext {
  account: string;
  region: string;
  repositoryName: string;
  imageDigest: string;
  imageTags: string[];
  pushedAt: Date;
}

export function severityCounts(findings: readonly FindingFixture[]): Partial<Record<Severity, number>> {
  const counts: Partial<Record<Severity, number>> = {};
  for (const finding of findings) counts[finding.severity] = (counts[finding.severity] ?? 0) + 1;
  return counts;
}

/** Basic scanning (Clair-style) findings: `imageScanFindings.findings[]`. */
export function basicFinding(finding: FindingFixture) {
  const attributes = [
    { key: 'package_version', value: finding.packageVersion },
    { key: 'package_name', value: finding.packageName },
  ];
  if (finding.cvssVector) attributes.push({ key: 'CVSS3_VECTOR', value: finding.cvssVector });
  if (finding.cvssScore !== undefined) attributes.push({ key: 'CVSS3_SCORE', value: String(finding.cvssScore) });
  return {
    name: finding.id,
    description: finding.description ?? `${finding.id} in ${finding.packageName} ${finding.packageVersion}`,
    uri: `https://nvd.nist.gov/vuln/detail/${finding.id}`,
    severity: finding.severity,
    attributes,
  };
}

/** Enhanced scanning (Amazon Inspector) findings: `imageScanFindings.enhancedFindings[]`. */
export function enhancedFinding(finding: FindingFixture, image: ImageContext, observedAt: Date) {
  const findingId = createHash('sha256').update(`${image.imageDigest}/${finding.id}/${finding.packageName}`).digest('hex').slice(0, 32);
  const cvss =
    finding.cvssScore === undefined
      ? []
      : [{ baseScore: finding.cvssScore, scoringVector: finding.cvssVector ?? '', source: 'NVD', version: '3.1' }];
  return {
    awsAccountId: image.account,
    description: finding.description ?? `${finding.id} in ${finding.packageName} ${finding.packageVersion}`,
    findingArn: `arn:aws:inspector2:${image.region}:${image.account}:finding/${findingId}`,
    firstObservedAt: epochSeconds(observedAt),
    lastObservedAt: epochSeconds(observedAt),
    updatedAt: epochSeconds(observedAt),
    packageVulnerabilityDetails: {
      vulnerabilityId: finding.id,
      source: 'NVD',
      sourceUrl: `https://nvd.nist.gov/vuln/detail/${finding.id}`,
      vendorSeverity: finding.severity,
      cvss,
      referenceUrls: [`https://nvd.nist.gov/vuln/detail/${finding.id}`],
      vulnerablePackages: [
        {
          name: finding.packageName,
          version: finding.packageVersion,
          packageManager: 'OS',
          ...(finding.fixedInVersion ? { fixedInVersion: finding.fixedInVersion } : {}),
        },
      ],
    },
    remediation: {
      recommendation: {
        text: finding.fixedInVersion ? `Upgrade ${finding.packageName} to ${finding.fixedInVersion}` : 'None Provided',
      },
    },
    resources: [
      {
        id: `arn:aws:ecr:${image.region}:${image.account}:repository/${image.repositoryName}/${image.imageDigest}`,
        type: 'AWS_ECR_CONTAINER_IMAGE',
        details: {
          awsEcrContainerImage: {
            repositoryName: image.repositoryName,
            imageHash: image.imageDigest,
            imageTags: image.imageTags,
            pushedAt: epochSeconds(image.pushedAt),
            registry: image.account,
            architecture: 'amd64',
          },
        },
      },
    ],
    ...(finding.cvssScore === undefined
      ? {}
      : {
          score: finding.cvssScore,
          // CvssScoreDetails names its members score/scoreSource (the list under packageVulnerabilityDetails says baseScore/source).
          scoreDetails: { cvss: { score: finding.cvssScore, scoringVector: finding.cvssVector ?? '', scoreSource: 'NVD', version: '3.1', adjustments: [] } },
        }),
    severity: finding.severity === 'UNDEFINED' ? 'UNTRIAGED' : finding.severity,
    status: 'ACTIVE',
    title: `${finding.id} - ${finding.packageName}`,
    type: 'PACKAGE_VULNERABILITY',
    fixAvailable: finding.fixedInVersion ? 'YES' : 'NO',
    exploitAvailable: 'NO',
  };
}
