import { EksKitError } from '@eks-kit/core';

/** No verdict within the timeout: the scan never finished, or enhanced findings never settled. */
export class ScanTimeout extends EksKitError {
  override name = 'ScanTimeout';
}
