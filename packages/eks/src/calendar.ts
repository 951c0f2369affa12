import { DescribeClusterVersionsCommand, type DescribeClusterVersionsResponse } from '@aws-sdk/client-eks';
import bundled from './data/eks-versions.json' with { type: 'json' };
import { utcDay } from './dates.js';
import { call, type EksApi } from './eks-api.js';
import { compareVersions } from './version.js';

export type VersionStatus = 'STANDARD_SUPPORT' | 'EXTENDED_SUPPORT' | 'UNSUPPORTED';

export interface CalendarEntry {
  version: string;
  /** UTC calendar days, YYYY-MM-DD. */
  releaseDate?: string;
  endOfStandardSupport: string;
  endOfExtendedSupport: string;
  /** The newest platform version (eks.N) for this minor, when the API says. */
  defaultPlatformVersion?: string;
  /** What the API says the version's support status is; derived from the dates otherwise. */
  versionStatus?: VersionStatus;
}

export interface Calendar {
  source: 'api' | 'bundled';
  /** Why the bundled calendar was used, when it was. */
  fallbackReason?: string;
  entries: CalendarEntry[];
}

/** The calendar shipped with eks-kit (src/data/eks-versions.json). */
export function bundledCalendar(fallbackReason?: string): Calendar {
  return {
    source: 'bundled',
    ...(fallbackReason ? { fallbackReason } : {}),
    entries: bundled.versions.map((v) => ({
      version: v.version,
      releaseDate: v.eksRelease,
      endOfStandardSupport: v.endOfStandardSupport,
      endOfExtendedSupport: v.endOfExtendedSupport,
    })),
  };
}

export const BUNDLED_CALENDAR_CHECKED_ON = bundled.checkedOn;

/**
 * The live calendar from DescribeClusterVersions (every version, `versionStatus` rather than the
 * deprecated `status`); the bundled one when the call is denied, unavailable or answers nothing.
 */
export async function loadCalendar(api: EksApi): Promise<Calendar> {
  const entries: CalendarEntry[] = [];
  try {
    let nextToken: string | undefined;
    do {
      const page = await call<DescribeClusterVersionsResponse>(
        api,
        'DescribeClusterVersions',
        new DescribeClusterVersionsCommand({ includeAll: true, ...(nextToken ? { nextToken } : {}) }),
      );
      for (const v of page.clusterVersions ?? []) {
        if (!v.clusterVersion || !v.endOfStandardSupportDate || !v.endOfExtendedSupportDate) continue;
        entries.push({
          version: v.clusterVersion,
          ...(v.releaseDate ? { releaseDate: utcDay(v.releaseDate) } : {}),
          endOfStandardSupport: utcDay(v.endOfStandardSupportDate),
          endOfExtendedSupport: utcDay(v.endOfExtendedSupportDate),
          ...(v.defaultPlatformVersion ? { defaultPlatformVersion: v.defaultPlatformVersion } : {}),
          ...(v.versionStatus ? { versionStatus: v.versionStatus } : {}),
        });
      }
      nextToken = page.nextToken;
    } while (nextToken);
  } catch (error) {
    return bundledCalendar((error as Error).message);
  }
  if (entries.length === 0) return bundledCalendar('DescribeClusterVersions answered with no versions');
  return { source: 'api', entries: entries.sort((a, b) => compareVersions(a.version, b.version)) };
}

export interface CalendarLookup {
  entry?: CalendarEntry;
  source: 'api' | 'bundled';
  note?: string;
}

/** A version's row: from the live calendar, else from the bundle (and say so), else nothing. */
export function lookupVersion(calendar: Calendar, version: string): CalendarLookup {
  const entry = calendar.entries.find((e) => e.version === version);
  if (entry) return { entry, source: calendar.source, ...(calendar.fallbackReason ? { note: `bundled calendar (checked ${bundled.checkedOn}) used: ${calendar.fallbackReason}` } : {}) };
  if (calendar.source === 'api') {
    const fromBundle = bundledCalendar().entries.find((e) => e.version === version);
    if (fromBundle) return { entry: fromBundle, source: 'bundled', note: `DescribeClusterVersions did not list ${version}; bundled calendar (checked ${bundled.checkedOn}) used` };
  }
  return { source: calendar.source, note: `${version} is in neither DescribeClusterVersions nor the bundled calendar` };
}
