import { labelValueRule } from './label-values.js';

export const dl3055 = labelValueRule(
  { code: 'DL3055', severity: 'warning', category: 'maintainability', title: 'A label of type hash is not a git commit hash', hadolint: true },
  'hash',
  // A full SHA-1 or the 7-character short form, lower case, as git prints them.
  (value) => /^([0-9a-f]{40}|[0-9a-f]{7})$/.test(value),
  'is not a valid git hash (40 or 7 lower-case hex digits)',
);
