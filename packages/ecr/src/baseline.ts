import { ApiError } from '@eks-kit/core';
import type { EcrCaller } from './ecr-api.js';
import type { Finding } from './finding.js';
import { describeScan, readAllFindings } from './read-findings.js';
import { formatReference, type ImageReference } from './reference.js';
import { resolveImage } from './resolve-image.js';
import { missingEvidence } from './scan-evidence.js';
import { classifyStatus } from './scan-status.js';

/** Where the baseline came from, for the report: the `baseline` input, or the pull request's base branch. */
export type BaselineSource = 'input' | 'base-branch';

export interface BaselineRequest {
  reference: ImageReference;
  source: BaselineSource;
}

export type Baseline =
  | { kind: 'found'; reference: ImageReference; source: BaselineSource; digest: string; findings: Finding[] }
  | { kind: 'missing'; reference?: ImageReference; source?: BaselineSource; reason: string };

/**
 * Reads the findings of the image this one is compared with, once this image's own scan is final
 * (the gate calls it then). It does not wait itself: a baseline whose scan has still not finished
 * (or cannot be found) is reported as missing with the reason, so the comparison never silently
 * treats an unscanned baseline as clean.
 */
export async function readBaseline(caller: EcrCaller, request: BaselineRequest): Promise<Baseline> {
  const { reference, source } = request;
  const missing = (reason: string): Baseline => ({ kind: 'missing', reference, source, reason });
  let resolved;
  try {
    resolved = await resolveImage(caller, reference);
  } catch (error) {
    if (error instanceof ApiError && error.operation === 'BatchGetImage') {
      const notThere = /^Image(NotFound|TagDoesNotMatchDigest)/.test(error.code);
      return missing(notThere ? `${formatReference(reference)} does not exist (nothing was pushed under it yet)` : `${formatReference(reference)} cannot be read (${error.message})`);
    }
    throw error;
  }
  const findings: Finding[] = [];
  for (const image of resolved.images) {
    const target = { repository: image.repository, digest: image.digest, ...(image.registryId ? { registryId: image.registryId } : {}) };
    let page;
    try {
      page = await describeScan(caller, target);
    } catch (error) {
      if (error instanceof ApiError && (error.code === 'ScanNotFoundException' || error.code === 'ImageNotFoundException')) return missing(`${image.repository}@${image.digest} has no scan`);
      throw error;
    }
    const status = page.imageScanStatus?.status ?? 'unknown';
    if (classifyStatus(status, page.imageScanStatus?.description) !== 'done') return missing(`the scan of ${image.repository}@${image.digest} is ${status}, not complete`);
    const noEvidence = missingEvidence(page, undefined);
    if (noEvidence) return missing(`the scan of ${image.repository}@${image.digest} has not finished: ${noEvidence}`);
    findings.push(...(await readAllFindings(caller, target, page)).findings);
  }
  return { kind: 'found', reference, source, digest: resolved.digest, findings };
}
