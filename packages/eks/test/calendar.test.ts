import { describe, expect, it } from '@jest/globals';
import { bundledCalendar, loadCalendar, lookupVersion } from '../src/calendar.js';
import { daysUntil } from '../src/dates.js';
import { supportState } from '../src/support.js';
import { fakeEks } from './fake-eks.js';

const NOW = Date.parse('2026-11-22T05:30:00Z');
const v134 = { version: '1.34', endOfStandardSupport: '2026-12-02', endOfExtendedSupport: '2027-12-02' };

describe('support math (fixed clock, UTC days)', () => {
  it('counts whole UTC days, whatever the time of day', () => {
    expect(daysUntil('2026-12-02', NOW)).toBe(10);
    expect(daysUntil('2026-12-02', Date.parse('2026-11-22T23:59:59Z'))).toBe(10);
    expect(daysUntil('2026-11-22', NOW)).toBe(0);
    expect(daysUntil('2026-11-21', NOW)).toBe(-1);
  });

  it('in standard support: days left, not paying, and what EXTENDED (default) does at the deadline', () => {
    const s = supportState(v134, NOW, 'EXTENDED');
    expect(s).toMatchObject({ phase: 'standard', daysToEndOfStandard: 10, daysToEndOfExtended: 375, payingForExtendedSupport: false });
    expect(s.atDeadline).toMatch(/enters extended support on 2026-12-02 and is charged/);
  });

  it('upgradePolicy STANDARD means an automatic upgrade at the end of standard support', () => {
    expect(supportState(v134, NOW, 'STANDARD').atDeadline).toMatch(/upgrades the control plane automatically on 2026-12-02/);
  });

  it('after the end of standard support the cluster is paying for extended support', () => {
    const s = supportState({ version: '1.32', endOfStandardSupport: '2026-03-23', endOfExtendedSupport: '2027-03-23' }, NOW, 'EXTENDED');
    expect(s).toMatchObject({ phase: 'extended', payingForExtendedSupport: true, daysToEndOfStandard: -244, daysToEndOfExtended: 121 });
    expect(s.atDeadline).toMatch(/paying for extended support since 2026-03-23/);
  });

  it('billing starts at 00:00 UTC on the end date itself', () => {
    const s = supportState(v134, Date.parse('2026-12-02T00:00:01Z'), 'EXTENDED');
    expect(s).toMatchObject({ phase: 'extended', daysToEndOfStandard: 0 });
  });

  it('derives the phase and the charge from the dates and upgradePolicy.supportType only', () => {
    expect(supportState({ ...v134, versionStatus: 'EXTENDED_SUPPORT' }, NOW, undefined).phase).toBe('standard');
    const past = { version: '1.32', endOfStandardSupport: '2026-03-23', endOfExtendedSupport: '2027-03-23' };
    expect(supportState(past, NOW, 'EXTENDED')).toMatchObject({ phase: 'extended', payingForExtendedSupport: true });
    expect(supportState(past, NOW, undefined)).toMatchObject({ phase: 'extended', payingForExtendedSupport: true });
    expect(supportState(past, NOW, 'STANDARD')).toMatchObject({ phase: 'extended', payingForExtendedSupport: false, atDeadline: expect.stringMatching(/^upgradePolicy STANDARD past the end of standard support \(2026-03-23\): not charged/) });
  });

  it('past the end of extended support is unsupported', () => {
    expect(supportState({ version: '1.30', endOfStandardSupport: '2025-07-23', endOfExtendedSupport: '2026-07-23' }, NOW, 'EXTENDED').phase).toBe('unsupported');
  });
});

describe('calendar source', () => {
  const world = {
    clusters: [],
    clusterVersions: [{ version: '1.34', releaseDate: '2025-10-02', endOfStandard: '2026-12-02', endOfExtended: '2027-12-02', versionStatus: 'STANDARD_SUPPORT', defaultPlatformVersion: 'eks.7' }],
  };

  it('reads DescribeClusterVersions with includeAll and keeps versionStatus (not the deprecated status)', async () => {
    const eks = fakeEks(world);
    const calendar = await loadCalendar(eks);
    expect(calendar.source).toBe('api');
    expect(eks.calls[0]).toMatchObject({ operation: 'DescribeClusterVersions', input: { includeAll: true } });
    expect(calendar.entries[0]).toEqual({ version: '1.34', releaseDate: '2025-10-02', endOfStandardSupport: '2026-12-02', endOfExtendedSupport: '2027-12-02', defaultPlatformVersion: 'eks.7', versionStatus: 'STANDARD_SUPPORT' });
  });

  it('falls back to the bundled calendar when the call is denied, and says why', async () => {
    const calendar = await loadCalendar(fakeEks({ ...world, deny: ['DescribeClusterVersions'] }));
    expect(calendar.source).toBe('bundled');
    expect(calendar.fallbackReason).toMatch(/^EKS DescribeClusterVersions failed: AccessDeniedException/);
    const lookup = lookupVersion(calendar, '1.32');
    expect(lookup).toMatchObject({ source: 'bundled', entry: { endOfStandardSupport: '2026-03-23' } });
    expect(lookup.note).toMatch(/bundled calendar \(checked \d{4}-\d{2}-\d{2}\) used: .*AccessDenied/);
  });

  it('takes a version the API does not list from the bundle, and notes it', () => {
    const lookup = lookupVersion({ source: 'api', entries: [] }, '1.29');
    expect(lookup).toMatchObject({ source: 'bundled', entry: { endOfExtendedSupport: '2026-03-23' } });
    expect(lookup.note).toMatch(/did not list 1\.29/);
  });

  it('bundled calendar: every version has ordered dates, 12 months of extended support', () => {
    for (const e of bundledCalendar().entries) {
      expect(e.releaseDate! < e.endOfStandardSupport).toBe(true);
      const months = (Date.parse(e.endOfExtendedSupport) - Date.parse(e.endOfStandardSupport)) / (30.44 * 86_400_000);
      expect(Math.round(months)).toBe(12);
    }
  });
});
