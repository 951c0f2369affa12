import { InputError } from '@eks-kit/core';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

/** One accepted vulnerability: why, until when, and optionally only in one package. */
export interface AllowlistEntry {
  id: string;
  reason: string;
  /** Last day the entry counts, `YYYY-MM-DD` (UTC). */
  expires: string;
  package?: string;
  /** `file:line`, so reports point at the entry to fix. */
  source: string;
}

const KEYS = new Set(['id', 'reason', 'expires', 'package']);

/**
 * Parses an allowlist file: a YAML list (or `ignore:` holding one) of entries with `id`, a
 * `reason` and an `expires` date; `package` narrows an entry to one package. Unknown keys are
 * errors, so a typo cannot quietly widen what is ignored.
 */
export function parseAllowlist(text: string, file: string): AllowlistEntry[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (node: Node | null | undefined) => (node?.range ? lineCounter.linePos(node.range[0]).line : 1);
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!;
    throw new InputError(`${file}:${lineCounter.linePos(error.pos[0]).line}`, `not valid YAML: ${error.message.split('\n')[0]}`);
  }
  let list: Node | null = doc.contents;
  if (list === null) return [];
  if (isMap(list)) {
    const extra = list.items.map((p) => String((p.key as { value?: unknown } | null)?.value)).filter((k) => k !== 'ignore');
    if (extra.length > 0) throw new InputError(`${file}:${lineOf(list)}`, `unknown key "${extra[0]}"; expected a list of entries or "ignore:" with one`);
    list = (list.get('ignore', true) as Node | undefined) ?? null;
    if (list === null || (isScalar(list) && list.value === null)) return [];
  }
  if (!isSeq(list)) throw new InputError(`${file}:${lineOf(list)}`, 'expected a list of entries (- id: CVE-…, reason: …, expires: YYYY-MM-DD)');

  const entries: AllowlistEntry[] = [];
  const seen = new Map<string, string>();
  list.items.forEach((item, index) => {
    const where = `${file}:${lineOf(item as Node)}`;
    if (!isMap(item)) throw new InputError(where, `entry ${index + 1} is not a mapping with id, reason and expires`);
    const value = (key: string): string | undefined => {
      const v: unknown = item.get(key);
      if (v === undefined || v === null) return undefined;
      return typeof v === 'string' ? v.trim() : String(v);
    };
    const id = value('id');
    const label = `entry ${index + 1}${id ? ` (${id})` : ''}`;
    for (const pair of item.items) {
      const key = String((pair.key as { value?: unknown } | null)?.value);
      if (!KEYS.has(key)) throw new InputError(where, `${label}: unknown key "${key}"; expected id, reason, expires, package`);
    }
    if (!id) throw new InputError(where, `${label}: id is required (the CVE or advisory id)`);
    const reason = value('reason');
    if (!reason) throw new InputError(where, `${label}: reason is required (why this vulnerability is accepted)`);
    const expires = value('expires');
    if (!expires) throw new InputError(where, `${label}: expires is required (YYYY-MM-DD, the last day the entry counts)`);
    if (!isCalendarDate(expires)) throw new InputError(where, `${label}: expires "${expires}" is not a date in the form YYYY-MM-DD`);
    const pkg = value('package');
    const key = `${id.toUpperCase()} ${pkg ?? ''}`;
    const previous = seen.get(key);
    if (previous) throw new InputError(where, `${label}: duplicates the entry at ${previous}`);
    seen.set(key, where);
    entries.push({ id, reason, expires, ...(pkg ? { package: pkg } : {}), source: where });
  });
  return entries;
}

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** An entry counts through its expiry day (UTC). */
export function isExpired(entry: AllowlistEntry, now: number): boolean {
  return entry.expires < new Date(now).toISOString().slice(0, 10);
}

export function entryMatches(entry: AllowlistEntry, finding: { id: string; packageName?: string }): boolean {
  return entry.id.toUpperCase() === finding.id.toUpperCase() && (!entry.package || entry.package === finding.packageName);
}
