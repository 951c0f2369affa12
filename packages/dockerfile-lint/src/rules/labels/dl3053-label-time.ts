import { labelValueRule } from './label-values.js';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function isRfc3339(value: string): boolean {
  const m = RFC3339.exec(value);
  if (!m) return false;
  const [month, day, hour, minute, second] = [m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number];
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 60;
}

export const dl3053 = labelValueRule(
  { code: 'DL3053', severity: 'warning', category: 'maintainability', title: 'A label of type rfc3339 is not a valid RFC 3339 time', hadolint: true },
  'rfc3339',
  isRfc3339,
  'is not a valid time: use RFC 3339, e.g. 2024-05-01T12:00:00Z',
);
