import { describe, expect, it } from '@jest/globals';
import { allowedKubeletSkew, amiDate, nodegroupSkew } from '../src/skew.js';

describe('kubelet skew', () => {
  it('is n-2 before 1.28 and n-3 from 1.28', () => {
    expect(allowedKubeletSkew('1.27')).toBe(2);
    expect(allowedKubeletSkew('1.28')).toBe(3);
    expect(allowedKubeletSkew('1.33')).toBe(3);
  });

  it('three minors behind is allowed on 1.30 but blocks the upgrade to 1.31', () => {
    const n = nodegroupSkew({ name: 'old', version: '1.27' }, '1.30', '1.31');
    expect(n).toMatchObject({ behind: 3, status: 'blocks-upgrade' });
    expect(n.message).toMatch(/would be 4 behind 1\.31 \(limit n-3\)/);
  });

  it('before 1.28 three behind is already unsupported', () => {
    expect(nodegroupSkew({ name: 'old', version: '1.24' }, '1.27', '1.28')).toMatchObject({ behind: 3, status: 'unsupported-skew' });
  });

  it('two behind on 1.27 is fine for the move to 1.28, where the limit grows to n-3', () => {
    expect(nodegroupSkew({ name: 'n', version: '1.25' }, '1.27', '1.28')).toMatchObject({ behind: 2, status: 'behind' });
  });

  it('two behind on 1.26 blocks the move to 1.27 (still n-2)', () => {
    expect(nodegroupSkew({ name: 'n', version: '1.24' }, '1.26', '1.27').status).toBe('blocks-upgrade');
  });

  it('current and ahead', () => {
    expect(nodegroupSkew({ name: 'n', version: '1.31' }, '1.31', '1.32').status).toBe('current');
    expect(nodegroupSkew({ name: 'n', version: '1.32' }, '1.31', '1.32').status).toBe('ahead');
  });

  it('reads the AMI release date', () => {
    expect(nodegroupSkew({ name: 'n', version: '1.31', releaseVersion: '1.31.4-20250123' }, '1.31', '1.32', Date.parse('2025-03-01T12:00:00Z'))).toMatchObject({ amiReleaseDate: '2025-01-23', amiAgeDays: 37 });
    expect(amiDate('1.20.1-7c3e9198')).toBeUndefined();
  });
});
