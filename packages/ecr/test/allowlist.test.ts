import { describe, expect, it } from '@jest/globals';
import { InputError } from '@eks-kit/core';
import { isExpired, parseAllowlist } from '../src/index.js';

function errorOf(text: string): InputError {
  try {
    parseAllowlist(text, '.github/scan-allowlist.yaml');
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('parseAllowlist', () => {
  it('reads a list of entries with the line each starts on', () => {
    const entries = parseAllowlist(
      ['# accepted risks', '- id: CVE-2024-0002', '  reason: zlib is not reachable from the API', '  expires: 2026-12-31', '- id: CVE-2024-0003', '  package: busybox', "  reason: 'tracked in SHOP-12'", '  expires: "2027-01-15"', ''].join('\n'),
      'allow.yaml',
    );
    expect(entries).toEqual([
      { id: 'CVE-2024-0002', reason: 'zlib is not reachable from the API', expires: '2026-12-31', source: 'allow.yaml:2' },
      { id: 'CVE-2024-0003', reason: 'tracked in SHOP-12', expires: '2027-01-15', package: 'busybox', source: 'allow.yaml:5' },
    ]);
  });

  it('accepts the list under "ignore:" and an empty file', () => {
    expect(parseAllowlist('ignore:\n  - id: CVE-1\n    reason: r\n    expires: 2030-01-01\n', 'a.yaml')).toHaveLength(1);
    expect(parseAllowlist('', 'a.yaml')).toEqual([]);
    expect(parseAllowlist('ignore:\n', 'a.yaml')).toEqual([]);
  });

  it('names the file, line and entry of a missing reason', () => {
    const error = errorOf('- id: CVE-1\n  reason: ok\n  expires: 2030-01-01\n- id: CVE-2\n  expires: 2030-01-01\n');
    expect(error.message).toBe('.github/scan-allowlist.yaml:4: entry 2 (CVE-2): reason is required (why this vulnerability is accepted)');
  });

  it.each([
    ['- id: CVE-1\n  reason: r\n', /:1: entry 1 \(CVE-1\): expires is required/],
    ['- id: CVE-1\n  reason: r\n  expires: 31/12/2025\n', /:1: entry 1 \(CVE-1\): expires "31\/12\/2025" is not a date in the form YYYY-MM-DD/],
    ['- id: CVE-1\n  reason: r\n  expires: 2025-02-30\n', /expires "2025-02-30" is not a date/],
    ['- id: CVE-1\n  reason: r\n  expires: 20251231\n', /expires "20251231" is not a date/],
    ['- reason: r\n  expires: 2030-01-01\n', /:1: entry 1: id is required/],
    ['- id: CVE-1\n  reason: r\n  expires: 2030-01-01\n  reasn: typo\n', /unknown key "reasn"/],
    ['- CVE-1\n', /entry 1 is not a mapping/],
    ['id: CVE-1\n', /unknown key "id"/],
    ['- id: CVE-1\n  reason: r\n  expires: 2030-01-01\n- id: cve-1\n  reason: r\n  expires: 2030-01-01\n', /:4: entry 2 \(cve-1\): duplicates the entry at .*:1/],
    ['- id: [unclosed\n', /:\d+: not valid YAML/],
  ])('refuses %j', (text, message) => {
    expect(errorOf(text).message).toMatch(message);
  });

  it('counts an entry through its expiry day (UTC)', () => {
    const entry = { id: 'CVE-1', reason: 'r', expires: '2026-06-01', source: 'a:1' };
    expect(isExpired(entry, Date.parse('2026-06-01T23:59:59Z'))).toBe(false);
    expect(isExpired(entry, Date.parse('2026-06-02T00:00:00Z'))).toBe(true);
  });
});
