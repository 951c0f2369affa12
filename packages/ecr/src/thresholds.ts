import { InputError } from '@eks-kit/core';
import { parseSeverity, SEVERITIES, type Severity } from './severity.js';

/** Most findings allowed per severity; a severity not named has no limit of its own. */
export type Thresholds = Partial<Record<Severity, number>>;

/**
 * Parses `critical: 0, high: 5` (comma- or newline-separated, `=` accepted for `:`). Every
 * mistake names the input and the piece that did not parse.
 */
export function parseThresholds(text: string, input = 'thresholds'): Thresholds {
  const thresholds: Thresholds = {};
  const pieces = text.split(/[,\n]/).map((p) => p.trim()).filter((p) => p && !p.startsWith('#'));
  for (const piece of pieces) {
    const match = /^([A-Za-z]+)\s*[:=]\s*(\S+)$/.exec(piece);
    if (!match) throw new InputError(input, `"${piece}" is not "<severity>: <count>" (for example "critical: 0, high: 5")`);
    const [, name = '', count = ''] = match;
    const severity = parseSeverity(name);
    if (!severity) throw new InputError(input, `"${name}" is not a severity; expected one of ${SEVERITIES.map((s) => s.toLowerCase()).join(', ')}`);
    if (!/^\d+$/.test(count)) throw new InputError(input, `"${count}" for ${name} is not a whole number of findings (0 or more)`);
    if (thresholds[severity] !== undefined) throw new InputError(input, `${name} is given twice`);
    thresholds[severity] = Number(count);
  }
  return thresholds;
}

export function formatThresholds(thresholds: Thresholds): string {
  return SEVERITIES.filter((s) => thresholds[s] !== undefined).map((s) => `${s.toLowerCase()}: ${thresholds[s]}`).join(', ');
}
