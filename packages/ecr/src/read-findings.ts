import { DescribeImageScanFindingsCommand, type DescribeImageScanFindingsCommandOutput } from '@aws-sdk/client-ecr';
import { callEcr, type EcrCaller } from './ecr-api.js';
import { fromBasicFinding, fromEnhancedFinding, type Finding } from './finding.js';

/** One image by digest; `registryId` only when it is not the caller's own registry. */
export interface ScanTarget {
  repository: string;
  digest: string;
  registryId?: string;
  /** When ECR says this digest was pushed; a scan that completed before it is not this push's scan. */
  pushedAt?: Date;
}

/** ECR's largest page: fewest requests for big result sets. */
export const PAGE_SIZE = 1000;

export type ScanType = 'basic' | 'enhanced';

export async function describeScan(caller: EcrCaller, target: ScanTarget, nextToken?: string): Promise<DescribeImageScanFindingsCommandOutput> {
  return callEcr<DescribeImageScanFindingsCommandOutput>(
    caller,
    'DescribeImageScanFindings',
    new DescribeImageScanFindingsCommand({
      repositoryName: target.repository,
      imageId: { imageDigest: target.digest },
      maxResults: PAGE_SIZE,
      ...(target.registryId ? { registryId: target.registryId } : {}),
      ...(nextToken ? { nextToken } : {}),
    }),
  );
}

export interface FindingsRead {
  findings: Finding[];
  scanType: ScanType;
  pages: number;
}

/** Every page of findings, starting from a page already in hand when there is one. */
export async function readAllFindings(caller: EcrCaller, target: ScanTarget, first?: DescribeImageScanFindingsCommandOutput): Promise<FindingsRead> {
  let page = first ?? (await describeScan(caller, target));
  const findings: Finding[] = [];
  let enhanced = page.imageScanStatus?.status === 'ACTIVE';
  let pages = 0;
  const seenTokens = new Set<string>();
  for (;;) {
    pages += 1;
    const body = page.imageScanFindings;
    for (const raw of body?.findings ?? []) findings.push(fromBasicFinding(raw));
    if (body?.enhancedFindings) enhanced = true;
    for (const raw of body?.enhancedFindings ?? []) findings.push(...fromEnhancedFinding(raw));
    const token = page.nextToken;
    // A token seen before would loop forever; ECR never does it, a proxy might.
    if (!token || seenTokens.has(token)) break;
    seenTokens.add(token);
    page = await describeScan(caller, target, token);
  }
  return { findings, scanType: enhanced ? 'enhanced' : 'basic', pages };
}
