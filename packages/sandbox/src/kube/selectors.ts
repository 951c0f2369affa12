/** Label and field selectors, both in query-string form and as a LabelSelector object. */
import type { KubeObject } from './types.js';
import { KubeError } from './status.js';

type Requirement =
  | { key: string; op: '=' | '!='; value: string }
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | '!exists' };

export type Matcher = (labels: Record<string, string>) => boolean;

/** Splits on commas that are not inside `in (a,b)` parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  if (current.trim() !== '') parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

export function parseLabelSelector(text: string | null | undefined): Matcher {
  if (!text) return () => true;
  const reqs: Requirement[] = splitTopLevel(text).map((part) => {
    const set = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(part);
    if (set) return { key: set[1]!, op: set[2] as 'in' | 'notin', values: set[3]!.split(',').map((v) => v.trim()) };
    const ne = /^([^!=]+)!=(.*)$/.exec(part);
    if (ne) return { key: ne[1]!.trim(), op: '!=', value: ne[2]!.trim() };
    const eq = /^([^!=]+)==?(.*)$/.exec(part);
    if (eq) return { key: eq[1]!.trim(), op: '=', value: eq[2]!.trim() };
    if (part.startsWith('!')) return { key: part.slice(1).trim(), op: '!exists' };
    if (/^[\w./-]+$/.test(part)) return { key: part, op: 'exists' };
    throw new KubeError(400, 'BadRequest', `unable to parse requirement: ${part}`);
  });
  return (labels) => reqs.every((r) => matchRequirement(r, labels));
}

function matchRequirement(r: Requirement, labels: Record<string, string>): boolean {
  const has = Object.hasOwn(labels, r.key);
  const value = labels[r.key];
  switch (r.op) {
    case '=':
      return value === r.value;
    case '!=':
      return value !== r.value;
    case 'in':
      return has && r.values.includes(value!);
    case 'notin':
      return !has || !r.values.includes(value!);
    case 'exists':
      return has;
    case '!exists':
      return !has;
  }
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
}

export function selectorMatcher(selector: LabelSelector | undefined): Matcher {
  if (!selector) return () => false;
  const reqs: Requirement[] = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => ({ key, op: '=', value }));
  for (const e of selector.matchExpressions ?? []) {
    if (e.operator === 'In') reqs.push({ key: e.key, op: 'in', values: e.values ?? [] });
    else if (e.operator === 'NotIn') reqs.push({ key: e.key, op: 'notin', values: e.values ?? [] });
    else if (e.operator === 'Exists') reqs.push({ key: e.key, op: 'exists' });
    else reqs.push({ key: e.key, op: '!exists' });
  }
  return (labels) => reqs.every((r) => matchRequirement(r, labels));
}

/** `app=web,tier=front` — the query form kubectl sends for a Deployment's selector. */
export function selectorToString(selector: LabelSelector | undefined): string {
  return Object.entries(selector?.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

export type ObjectMatcher = (obj: KubeObject) => boolean;

/** Field selectors: `metadata.name=x,involvedObject.kind!=Pod`, over any dotted path. */
export function parseFieldSelector(text: string | null | undefined): ObjectMatcher {
  if (!text) return () => true;
  const reqs = splitTopLevel(text).map((part) => {
    const m = /^([^!=]+)(!=|==|=)(.*)$/.exec(part);
    if (!m) throw new KubeError(400, 'BadRequest', `invalid field selector: ${part}`);
    return { path: m[1]!.trim().split('.'), negate: m[2] === '!=', value: m[3]!.trim() };
  });
  return (obj) =>
    reqs.every((r) => {
      let cur: unknown = obj;
      for (const seg of r.path) cur = typeof cur === 'object' && cur !== null ? (cur as Record<string, unknown>)[seg] : undefined;
      const actual = cur === undefined || cur === null ? '' : String(cur);
      return r.negate ? actual !== r.value : actual === r.value;
    });
}
