import type { EksScenario } from './types.js';

const DAY_MS = 86_400_000;

/**
 * A scenario with `asOf` describes the world on that UTC day, in the real EKS calendar's dates.
 * Clients and request signatures run on the real clock, so the sandbox moves every date of the
 * scenario forward by the whole days between `asOf` and today: the world looks today exactly as it
 * looked on `asOf` (same phases, same days left), and never stops loading when a real deadline
 * passes. A scenario without `asOf` is taken as written.
 */
export function rebaseEksScenario(scenario: EksScenario, now: Date): EksScenario {
  if (!scenario.asOf) return scenario;
  const asOf = Date.parse(`${scenario.asOf}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(scenario.asOf) || Number.isNaN(asOf)) throw new Error(`sandbox scenario eks.asOf must be a day as YYYY-MM-DD, got ${JSON.stringify(scenario.asOf)}`);
  const days = Math.floor((Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - asOf) / DAY_MS);
  const move = (date: string): string => shiftDate(date, days);
  return {
    ...scenario,
    ...(scenario.clusterVersions
      ? {
          clusterVersions: scenario.clusterVersions.map((v) => ({
            ...v,
            releaseDate: move(v.releaseDate),
            endOfStandardSupportDate: move(v.endOfStandardSupportDate),
            endOfExtendedSupportDate: move(v.endOfExtendedSupportDate),
          })),
        }
      : {}),
    ...(scenario.clusters
      ? {
          clusters: scenario.clusters.map((c) => ({
            ...c,
            ...(c.createdAt ? { createdAt: move(c.createdAt) } : {}),
            ...(c.insights
              ? {
                  insights: c.insights.map((i) => ({
                    ...i,
                    ...(i.deprecationDetails
                      ? { deprecationDetails: i.deprecationDetails.map((d) => ({ ...d, ...(d.clientStats ? { clientStats: d.clientStats.map((s) => ({ ...s, ...(s.lastRequestTime ? { lastRequestTime: move(s.lastRequestTime) } : {}) })) } : {}) })) }
                      : {}),
                  })),
                }
              : {}),
          })),
        }
      : {}),
  };
}

/** A YYYY-MM-DD day stays a day; a timestamp stays a timestamp. */
function shiftDate(date: string, days: number): string {
  const moved = new Date(Date.parse(date) + days * DAY_MS);
  if (Number.isNaN(moved.getTime())) throw new Error(`sandbox scenario date ${JSON.stringify(date)} is not a date`);
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? moved.toISOString().slice(0, 10) : moved.toISOString().replace('.000Z', 'Z');
}
