import { labelValueRule } from './label-values.js';

// The addr-spec of RFC 5322 without comments or quoted local parts, which labels do not need.
const EMAIL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

export const dl3058 = labelValueRule(
  { code: 'DL3058', severity: 'warning', category: 'maintainability', title: 'A label of type email is not a valid email address', hadolint: true },
  'email',
  (value) => EMAIL.test(value),
  'is not a valid email address (RFC 5322)',
);
