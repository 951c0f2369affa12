import { labelValueRule } from './label-values.js';

function isUrl(value: string): boolean {
  try {
    return /^[a-z][a-z0-9+.-]*:/i.test(value) && new URL(value).protocol !== '';
  } catch {
    return false;
  }
}

export const dl3052 = labelValueRule(
  { code: 'DL3052', severity: 'warning', category: 'maintainability', title: 'A label of type url is not a valid URL', hadolint: true },
  'url',
  isUrl,
  'is not a valid URL',
);
