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
export function classifyStatus(status: string | undefined): StatusClass {
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

/** What each unusable status means for the person reading the report. */
export function explainStatus(status: string): string {
  switch (status) {
    case 'FAILED':
      return 'the scan failed';
    case 'UNSUPPORTED_IMAGE':
      return 'the scanner does not support this image (operating system or package manager)';
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
