import { editDistance } from '@eks-kit/core';

/** The outcome of substituting variables in one Dockerfile word, as BuildKit's shell lexer does. */
export interface Expansion {
  result: string;
  /** Names looked up and found. */
  matched: Set<string>;
  /** Names looked up and not found (whatever the modifier: `${X:-default}` still looks X up). */
  unmatched: Set<string>;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

function startsName(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return code === 95 || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Where a name that starts at `at` ends: NAME's match, read in place (a match array per `$X` was garbage). */
function nameEnd(text: string, at: number): number {
  let end = at + 1;
  while (end < text.length && (startsName(text, end) || (text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57))) end++;
  return end;
}

/** Characters expandInto treats as more than text. */
function mayStartToken(char: string, escape: string): boolean {
  return char === '$' || char === '"' || char === "'" || char === escape;
}

/**
 * Substitutes `$X`, `${X}` and `${X:-word}`-style forms (`-`, `:-`, `+`, `:+`; other modifiers
 * give the value) in a word, removing quotes: single quotes and the escape character stop
 * substitution. `lookup` gives a variable's value or `undefined` when it is not defined.
 */
export function expandWord(text: string, lookup: (name: string) => string | undefined, escape = '\\'): Expansion {
  const expansion: Expansion = { result: '', matched: new Set(), unmatched: new Set() };
  expansion.result = expandInto(text, lookup, escape, expansion);
  return expansion;
}

/** Where an expansion records the names it looks up. */
export interface Lookups {
  matched: { add(name: string): unknown };
  unmatched: { add(name: string): unknown };
}

/**
 * expandWord, recording the names it looks up in the caller's sets (which may be shared by many
 * words): a rule that expands every word of a file needs no new sets per word.
 */
export function expandInto(text: string, lookup: (name: string) => string | undefined, escape: string, into: Lookups): string {
  let out = '';
  let quote: '"' | "'" | undefined;
  const find = (name: string): string | undefined => {
    const value = lookup(name);
    (value === undefined ? into.unmatched : into.matched).add(name);
    return value;
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else out += char;
    } else if (char === escape && i + 1 < text.length) {
      out += text[++i];
    } else if ((char === '"' || char === "'") && quote === undefined) {
      quote = char;
    } else if (char === '"' && quote === '"') {
      quote = undefined;
    } else if (char === '$' && text[i + 1] === '{') {
      const close = matchingBrace(text, i + 1);
      const inner = text.slice(i + 2, close === -1 ? text.length : close);
      i = close === -1 ? text.length : close;
      out += braced(inner, find, (word) => expandInto(word, lookup, escape, into));
    } else if (char === '$' && startsName(text, i + 1)) {
      const name = text.slice(i + 1, nameEnd(text, i + 1));
      i += name.length;
      out += find(name) ?? '';
    } else {
      // A run of plain characters in one piece: a string per character was much of the garbage.
      let end = i + 1;
      while (end < text.length && !mayStartToken(text[end]!, escape)) end++;
      out += text.slice(i, end);
      i = end - 1;
    }
  }
  return out;
}

function braced(inner: string, find: (name: string) => string | undefined, expand: (word: string) => string): string {
  const name = NAME.exec(inner)?.[0] ?? '';
  const rest = inner.slice(name.length);
  const value = name === '' ? undefined : find(name);
  const modifier = /^(:?[-+])/.exec(rest)?.[1];
  if (modifier === undefined) return value ?? '';
  const word = rest.slice(modifier.length);
  const set = modifier.startsWith(':') ? value !== undefined && value !== '' : value !== undefined;
  if (modifier.endsWith('-')) return set ? (value ?? '') : expand(word);
  return set ? expand(word) : '';
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** The platform arguments BuildKit defines for FROM lines without an ARG, with the values of a linux/amd64 build. */
export const PLATFORM_ARGS: Readonly<Record<string, string>> = {
  BUILDPLATFORM: 'linux/amd64',
  BUILDOS: 'linux',
  BUILDARCH: 'amd64',
  BUILDVARIANT: '',
  TARGETPLATFORM: 'linux/amd64',
  TARGETOS: 'linux',
  TARGETARCH: 'amd64',
  TARGETVARIANT: '',
};

/** The closest of `options` to `name` within BuildKit's distance (under 3 edits), for "did you mean". */
export function suggestName(name: string, options: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  // An array walked by index: UndefinedVar asks on every miss, and an iterator per name adds up.
  const list = Array.isArray(options) ? (options as readonly string[]) : [...options];
  for (let i = 0; i < list.length; i++) {
    const option = list[i]!;
    if (option === name) return undefined;
    const distance = editDistance(name, option, bestDistance);
    if (distance < bestDistance) {
      best = option;
      bestDistance = distance;
    }
  }
  return best;
}
