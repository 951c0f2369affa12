import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { imageFromInputs, loadAllowlist, parseAcceptStatuses, parseFailOn, parseMinCvss, parseRegistryId } from '../src/index.js';

const NAMES = { image: 'image', repository: 'repository', tag: 'tag', digest: 'digest' };
const DIGEST = `sha256:${'b'.repeat(64)}`;

describe('shared input parsing', () => {
  it('reads fail-on severities and none', () => {
    expect(parseFailOn('High', 'fail-on')).toBe('HIGH');
    expect(parseFailOn('none', 'fail-on')).toBe('none');
    expect(() => parseFailOn('severe', 'fail-on')).toThrow('fail-on: "severe" is not a severity; expected one of critical, high, medium, low, informational, undefined, none');
  });

  it('reads a CVSS score from 0 to 10', () => {
    expect(parseMinCvss('7.5', 'min-cvss')).toBe(7.5);
    expect(() => parseMinCvss('11', 'min-cvss')).toThrow('min-cvss: "11" is not a CVSS score from 0 to 10');
    expect(() => parseMinCvss('high', 'min-cvss')).toThrow(/not a CVSS score/);
  });

  it('accepts only statuses that end a scan without findings', () => {
    expect(parseAcceptStatuses(['unsupported-image', 'FAILED'], 'accept-scan-status')).toEqual(['UNSUPPORTED_IMAGE', 'FAILED']);
    expect(() => parseAcceptStatuses(['COMPLETE'], 'accept-scan-status')).toThrow(/"COMPLETE" is not a scan status that can be accepted/);
  });

  it('takes image alone, or repository with tag or digest, never both', () => {
    expect(imageFromInputs({ image: 'a/b:1' }, NAMES)).toEqual({ repository: 'a/b', tag: '1' });
    expect(imageFromInputs({ repository: 'a/b', digest: DIGEST }, NAMES)).toEqual({ repository: 'a/b', digest: DIGEST });
    expect(() => imageFromInputs({ image: 'a/b:1', tag: '2' }, NAMES)).toThrow('image: give either image or repository with tag/digest, not both');
    expect(() => imageFromInputs({ repository: 'a/b' }, NAMES)).toThrow('repository: needs tag or digest to say which image');
    expect(() => imageFromInputs({}, NAMES)).toThrow('image: is required (or repository with tag or digest)');
    expect(() => imageFromInputs({ repository: 'a/b', digest: 'sha256:nope' }, NAMES)).toThrow(/^digest: /);
  });

  it('reads an allowlist relative to the workspace and names a missing file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'allow-'));
    writeFileSync(path.join(dir, 'allow.yaml'), '- id: CVE-1\n  reason: r\n  expires: 2030-01-01\n');
    expect(loadAllowlist('allow.yaml', dir, 'allowlist')).toHaveLength(1);
    expect(() => loadAllowlist('nope.yaml', dir, 'allowlist')).toThrow('allowlist: "nope.yaml" does not exist');
  });

  it('checks an account id', () => {
    expect(parseRegistryId('111122223333', 'registry-id')).toBe('111122223333');
    expect(() => parseRegistryId('1111', 'registry-id')).toThrow('registry-id: "1111" is not an AWS account id (12 digits)');
  });
});
