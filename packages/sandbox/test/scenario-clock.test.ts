import { describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { EksEmulator } from '../src/eks/emulator.js';
import { rebaseEksScenario } from '../src/eks/scenario-clock.js';
import { describeClusterVersions } from '../src/eks/version-operations.js';
import { loadScenario, SCENARIO_DIR } from '../src/scenario.js';

const DAY = 86_400_000;
const scenarioNames = readdirSync(SCENARIO_DIR)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''));

/** What the sandbox's EKS says of each cluster's version on `now`: its status and days to each end. */
async function worldOn(name: string, now: Date) {
  const scenario = await loadScenario(name);
  const eks = new EksEmulator('111122223333', 'us-east-1', rebaseEksScenario(scenario.eks ?? {}, now), 'Q0E=', () => now);
  const { clusterVersions } = describeClusterVersions(eks, { labels: {}, query: new URLSearchParams('includeAll=true'), body: {} });
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const daysTo = (epochSeconds: number) => Math.round((epochSeconds * 1000 - today) / DAY);
  return [...eks.clusters.values()].map(({ seed }) => {
    const v = clusterVersions.find((c) => c.clusterVersion === seed.version);
    return { cluster: seed.name, version: seed.version, status: v?.status, daysToEndOfStandard: v && daysTo(v.endOfStandardSupportDate), daysToEndOfExtended: v && daysTo(v.endOfExtendedSupportDate) };
  });
}

describe('sandbox scenarios on any day', () => {
  it.each(scenarioNames)('%s loads two years from now and shows the world it showed on its asOf day', async (name) => {
    const scenario = await loadScenario(name);
    const asOf = new Date(`${scenario.eks?.asOf ?? new Date().toISOString().slice(0, 10)}T12:00:00Z`);
    const later = new Date(Date.now() + 730 * DAY);
    const then = await worldOn(name, asOf);
    expect(await worldOn(name, later)).toEqual(then);
    expect(await worldOn(name, new Date(later.getTime() + 3 * 365 * DAY))).toEqual(then);
  });

  it('the default world has demo and legacy in 1.32 extended support, whatever the date', async () => {
    const world = await worldOn('default', new Date(Date.now() + 730 * DAY));
    expect(world).toEqual([
      { cluster: 'demo', version: '1.32', status: 'extended-support', daysToEndOfStandard: -253, daysToEndOfExtended: 112 },
      { cluster: 'legacy', version: '1.32', status: 'extended-support', daysToEndOfStandard: -253, daysToEndOfExtended: 112 },
    ]);
  });

  it('moves days, timestamps and createdAt by whole days and leaves a scenario without asOf as written', () => {
    const seed = {
      asOf: '2026-12-01',
      clusterVersions: [{ clusterVersion: '1.32', releaseDate: '2025-01-23', endOfStandardSupportDate: '2026-03-23', endOfExtendedSupportDate: '2027-03-23T00:00:00Z' }],
      clusters: [{ name: 'c', version: '1.32', createdAt: '2025-03-01T10:00:00Z' }],
    };
    // 731 days later (2028 has a 29 February): every date moves 731 days.
    const moved = rebaseEksScenario(seed, new Date('2028-12-01T23:59:00Z'));
    expect(moved.clusterVersions).toEqual([{ clusterVersion: '1.32', releaseDate: '2027-01-24', endOfStandardSupportDate: '2028-03-23', endOfExtendedSupportDate: '2029-03-23T00:00:00Z' }]);
    expect(moved.clusters?.[0]?.createdAt).toBe('2027-03-02T10:00:00Z');
    const { asOf: _, ...withoutAsOf } = seed;
    expect(rebaseEksScenario(withoutAsOf, new Date('2028-12-01T00:00:00Z'))).toBe(withoutAsOf);
    expect(() => rebaseEksScenario({ asOf: '1 Dec 2026' }, new Date())).toThrow('sandbox scenario eks.asOf must be a day as YYYY-MM-DD, got "1 Dec 2026"');
  });
});
