import type { CalendarEntry, VersionStatus } from './calendar.js';
import { daysUntil } from './dates.js';

export type SupportPhase = 'standard' | 'extended' | 'unsupported';
export type SupportType = 'STANDARD' | 'EXTENDED';

export interface SupportState {
  phase: SupportPhase;
  endOfStandardSupport: string;
  endOfExtendedSupport: string;
  /** Whole UTC days; negative once the date has passed. */
  daysToEndOfStandard: number;
  daysToEndOfExtended: number;
  /** The cluster is paying the extended-support charge right now. */
  payingForExtendedSupport: boolean;
  supportType?: SupportType;
  /** What EKS will do at the next deadline, in a sentence. */
  atDeadline: string;
}

const PHASE: Record<VersionStatus, SupportPhase> = {
  STANDARD_SUPPORT: 'standard',
  EXTENDED_SUPPORT: 'extended',
  UNSUPPORTED: 'unsupported',
};

/**
 * Where a cluster's version stands on the calendar. The API's versionStatus wins over the dates
 * (AWS bills by it); days are counted in whole UTC days, as the billing starts at 00:00 UTC.
 */
export function supportState(entry: CalendarEntry, now: number, supportType: SupportType | undefined): SupportState {
  const daysToEndOfStandard = daysUntil(entry.endOfStandardSupport, now);
  const daysToEndOfExtended = daysUntil(entry.endOfExtendedSupport, now);
  const fromDates: SupportPhase = daysToEndOfStandard > 0 ? 'standard' : daysToEndOfExtended > 0 ? 'extended' : 'unsupported';
  const phase = entry.versionStatus ? PHASE[entry.versionStatus] : fromDates;
  return {
    phase,
    endOfStandardSupport: entry.endOfStandardSupport,
    endOfExtendedSupport: entry.endOfExtendedSupport,
    daysToEndOfStandard,
    daysToEndOfExtended,
    payingForExtendedSupport: phase === 'extended',
    ...(supportType ? { supportType } : {}),
    atDeadline: atDeadline(phase, entry, supportType),
  };
}

function atDeadline(phase: SupportPhase, entry: CalendarEntry, supportType: SupportType | undefined): string {
  if (phase === 'unsupported') {
    return `past the end of extended support (${entry.endOfExtendedSupport}): EKS upgrades the control plane to the oldest supported version without notice; node groups and add-ons are not upgraded`;
  }
  if (phase === 'extended') {
    return `paying for extended support since ${entry.endOfStandardSupport}; on ${entry.endOfExtendedSupport} EKS upgrades the control plane automatically (node groups and add-ons are not upgraded)`;
  }
  if (supportType === 'STANDARD') {
    return `upgradePolicy STANDARD: EKS upgrades the control plane automatically on ${entry.endOfStandardSupport}; node groups and add-ons are not upgraded`;
  }
  return `upgradePolicy ${supportType ?? 'EXTENDED (default)'}: the cluster enters extended support on ${entry.endOfStandardSupport} and is charged for it per cluster hour`;
}
