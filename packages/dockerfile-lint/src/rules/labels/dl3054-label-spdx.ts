import parseSpdx from 'spdx-expression-parse';
import { labelValueRule } from './label-values.js';

/**
 * hadolint accepts a single license id; this accepts any SPDX expression (`MIT OR Apache-2.0`),
 * which is what `org.opencontainers.image.licenses` is specified to hold.
 */
function isSpdx(value: string): boolean {
  try {
    parseSpdx(value);
    return true;
  } catch {
    return false;
  }
}

export const dl3054 = labelValueRule(
  { code: 'DL3054', severity: 'warning', category: 'maintainability', title: 'A label of type spdx is not a valid SPDX license expression', hadolint: true },
  'spdx',
  isSpdx,
  'is not a valid SPDX license identifier or expression',
);
