/** How scan-gate reads each ECR scan status. */
export type StatusClass = 'waiting' | 'done' | 'unusable';

/** Statuses that end a wait without findings; each fails the gate unless the policy accepts it. */
export const UNUSABLE_STATUSES = ['FAILED', 'UNSUPPORTED_IMAGE', 'SCAN_ELIGIBILITY_EXPIRED', 'FINDINGS_UNAVAILABLE', 'LIMIT_EXCEEDED', 'IMAGE_ARCHIVED'] as const;
export type UnusableStatus = (typeof UNUSABLE_STATUSES)[number];

/**
 * COMPLETE (basic) and ACTIVE (enhanced, continuous) carry findings; IN_PROGRESS and PENDING mean
 * wait. A status this code does not know is treated as unusable, so a new ECR state fails closed
 * instead of being waited on until the timeout.
 */
export function classifyStatus(status: string | undefined, description = ''): StatusClass {
  if (isUnsupportedFailure(status, description)) return 'unusable';
  switch (status) {
    case 'COMPLETE':
    case 'ACTIVE':
      return 'done';
    case undefined:
    case '':
    case 'IN_PROGRESS':
    case 'PENDING':
      return 'waiting';
    default:
      return 'unusable';
  }
}

/**
 * Basic scanning reports an image it cannot read (built FROM scratch, a static binary) as FAILED
 * with "UnsupportedImageError: …"; enhanced scanning as UNSUPPORTED_IMAGE. Both are the same fact
 * for the policy, so one accepted status (UNSUPPORTED_IMAGE) covers both.
 */
function isUnsupportedFailure(status: string | undefined, description: string): boolean {
  return status === 'FAILED' && /^UnsupportedImageError\b/.test(description);
}

/** The status the policy judges: an unsupported image's basic FAILED reads as UNSUPPORTED_IMAGE. */
export function unusableStatus(status: string, description: string): string {
  return isUnsupportedFailure(status, description) ? 'UNSUPPORTED_IMAGE' : status;
}

/** What each unusable status means for the person reading the report. */
export function explainStatus(status: string): string {
  switch (status) {
    case 'FAILED':
      return 'the scan failed';
    case 'UNSUPPORTED_IMAGE':
      return 'ECR cannot scan this image: no operating system or package manager it supports (an image built FROM scratch or a static binary); nothing in it was checked';
    case 'SCAN_ELIGIBILITY_EXPIRED':
      return 'the image is no longer eligible for continuous scanning (pushed or last pulled too long ago)';
    case 'FINDINGS_UNAVAILABLE':
      return 'findings are unavailable for this image';
    case 'LIMIT_EXCEEDED':
      return 'the scan limit for this image was exceeded';
    case 'IMAGE_ARCHIVED':
      return 'the image is archived and is not scanned';
    default:
      return `ECR reported the scan status ${status}`;
  }
}

/**
 * Basic scanning completes with no findings both for a clean image and for one it could not read
 * (a distroless image keeps its dpkg records in `var/lib/dpkg/status.d/`, which basic scanning
 * does not read); ECR's answer is the same for both, so scan-gate says it is not evidence.
 */
export const EMPTY_BASIC_SCAN_NOTICE =
  'Basic scanning reported no findings. That shows the image is clean only if it has an OS package database basic scanning reads (dpkg status, apk, rpm): a distroless image keeps its package records where basic scanning does not look, and its scan completes with no findings although nothing was checked. ECR gives no sign of which it was; enhanced scanning (Amazon Inspector) reads distroless images.';
