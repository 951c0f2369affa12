import { posix } from 'node:path';
import picomatch from 'picomatch';

/**
 * picomatch set to Go's filepath.Match, which Docker's `.dockerignore` builds on: `*` and `?` stop
 * at `/` and match dotfiles too, `[...]` is a class (`[^...]` negated; `!` is an ordinary member,
 * so a class never starts a negation), `\` escapes, and `**` spans directories. Braces, extglobs
 * and a leading `!` mean nothing to Go, so they are taken literally (the `!` of an exception line
 * is removed before the pattern gets here).
 */
const GO_MATCH = { dot: true, nobrace: true, noextglob: true, nonegate: true, noquantifiers: true, windows: false } as const;

interface IgnoreRule {
  exception: boolean;
  matches: (path: string) => boolean;
}

/**
 * The lines of a `.dockerignore` as Docker reads them: trimmed; `#` comments and blank lines
 * skipped; `!` marks an exception; the pattern cleaned like Go's filepath.Clean, with a leading
 * `/` dropped (the context root is both `/` and `.`).
 */
function parseRules(text: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const exception = line.startsWith('!');
    if (exception) line = line.slice(1).trim();
    const pattern = posix.normalize(line).replace(/^\/+/, '').replace(/\/+$/, '');
    if (pattern === '' || pattern === '.') continue;
    rules.push({ exception, matches: picomatch(pattern, GO_MATCH) });
  }
  return rules;
}

/** `a/b/c`, `a/b`, `a`: a pattern that matches a directory excludes everything inside it. */
function selfAndParents(path: string): string[] {
  const parts = path.split('/');
  return parts.map((_, index) => parts.slice(0, parts.length - index).join('/'));
}

/**
 * Whether the `.dockerignore` text excludes `path` (relative to the context, `/`-separated): the
 * last line that matches the path or one of its parent directories decides, an exception (`!`)
 * re-including what an earlier line excluded.
 */
export function dockerignoreExcludes(text: string, path: string): boolean {
  const candidates = selfAndParents(posix.normalize(path).replace(/^\/+/, ''));
  let excluded = false;
  for (const rule of parseRules(text)) {
    if (candidates.some((candidate) => rule.matches(candidate))) excluded = !rule.exception;
  }
  return excluded;
}
