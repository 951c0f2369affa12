import type { CalendarEntry } from './calendar.js';
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

/**
 * Where a cluster's version stands on the calendar, from the dates alone (whole UTC days: billing
 * starts at 00:00 UTC). The charge follows from the phase and upgradePolicy.supportType: a cluster on
 * STANDARD is never charged, EKS upgrades it at the end of standard support instead.
 */
export function supportState(entry: CalendarEntry, now: number, supportType: SupportType | undefined): SupportState {
  const daysToEndOfStandard = daysUntil(entry.endOfStandardSupport, now);
  const daysToEndOfExtended = daysUntil(entry.endOfExtendedSupport, now);
  const phase: SupportPhase = daysToEndOfStandard > 0 ? 'standard' : daysToEndOfExtended > 0 ? 'extended' : 'unsupported';
  return {
    phase,
    endOfStandardSupport: entry.endOfStandardSupport,
    endOfExtendedSupport: entry.endOfExtendedSupport,
    daysToEndOfStandard,
    daysToEndOfExtended,
    payingForExtendedSupport: phase === 'extended' && supportType !== 'STANDARD',
    ...(supportType ? { supportType } : {}),
    atDeadline: atDeadline(phase, entry, supportType),
  };
}

function atDeadline(phase: SupportPhase, entry: CalendarEntry, supportType: SupportType | undefined): string {
  if (phase === 'unsupported') {
    return `past the end of extended support (${entry.endOfExtendedSupport}): EKS upgrades the control plane to the oldest supported version without notice; node groups and add-ons are not upgraded`;
  }
  if (phase === 'extended' && supportType === 'STANDARD') {
    return `upgradePolicy STANDARD past the end of standard support (${entry.endOfStandardSupport}): not charged for extended support; EKS upgrades the control plane automatically (node groups and add-ons are not upgraded)`;
  }
  if (phase === 'extended') {
    return `paying for extended support since ${entry.endOfStandardSupport}; on ${entry.endOfExtendedSupport} EKS upgrades the control plane automatically (node groups and add-ons are not upgraded)`;
  }
  if (supportType === 'STANDARD') {
    return `upgradePolicy STANDARD: EKS upgrades the control plane automatically on ${entry.endOfStandardSupport}; node groups and add-ons are not upgraded`;
  }
  return `upgradePolicy ${supportType ?? 'EXTENDED (default)'}: the cluster enters extended support on ${entry.endOfStandardSupport} and is charged for it per cluster hour`;
}
