import { labelValueRule } from './label-values.js';

// semver.org's grammar: MAJOR.MINOR.PATCH, optional pre-release and build metadata, no leading zeros.
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-((0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(\.(0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(\+[0-9a-zA-Z-]+(\.[0-9a-zA-Z-]+)*)?$/;

export const dl3056 = labelValueRule(
  { code: 'DL3056', severity: 'warning', category: 'maintainability', title: 'A label of type semver does not follow semantic versioning', hadolint: true },
  'semver',
  (value) => SEMVER.test(value),
  'does not conform to semantic versioning (MAJOR.MINOR.PATCH)',
);
