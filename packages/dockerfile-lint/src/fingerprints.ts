import type * as Crypto from 'node:crypto';
import { createRequire } from 'node:module';
import type { Finding, SourceRange } from './types.js';

/**
 * Gives each finding of one file a fingerprint that code scanning can track from commit to
 * commit: the rule, the file, the message and the text of the lines it points at (whitespace
 * collapsed), never a line number, so adding lines above a finding keeps its identity. Two
 * findings that would still be alike (the same rule on two identical lines) are told apart by
 * their order among themselves, which a line shift does not change either.
 */
// Enough text to tell findings apart; bounded so a finding on a huge RUN (or a 100k-package
// line with a finding per package) costs no more than one on a small line.
const SNIPPET_CHARS = 200;

/** The text a finding points at, whitespace collapsed, at most SNIPPET_CHARS of it. */
function textAt(lines: readonly string[], range: SourceRange): string {
  let text = '';
  for (let line = range.startLine; line <= Math.max(range.startLine, range.endLine) && text.length < SNIPPET_CHARS; line++) {
    const whole = lines[line - 1] ?? '';
    const from = line === range.startLine ? range.startColumn - 1 : 0;
    const to = line === range.endLine && range.endColumn > range.startColumn ? range.endColumn - 1 : whole.length;
    text += ' ' + whole.slice(from, Math.min(to, from + SNIPPET_CHARS));
  }
  return text.slice(0, SNIPPET_CHARS + 1).replace(/\s+/g, ' ').trim();
}

// node:crypto costs about 8 ms of start-up on Node 24, and only the SARIF and JSON reports read a
// fingerprint: load it, and hash, on the first read. One-shot hashing (Node 20.12+) skips a Hash
// object per finding (a file with 70,000 findings spent a fifth of its lint on them); older
// Node 20 releases take the streaming API.
let sha256Hex: ((text: string) => string) | undefined;
function sha256(text: string): string {
  if (!sha256Hex) {
    const crypto = createRequire(import.meta.url)('node:crypto') as typeof Crypto;
    sha256Hex = typeof crypto.hash === 'function' ? (t) => crypto.hash('sha256', t, 'hex') : (t) => crypto.createHash('sha256').update(t).digest('hex');
  }
  return sha256Hex(text);
}

export function assignFingerprints(findings: Finding[], lines: readonly string[]): void {
  const seen = new Map<string, number>();
  for (const finding of findings) {
    const snippet = textAt(lines, finding.range);
    // Some messages name another line ("the RUN on line 12"); that number moves with the file too.
    const message = finding.message.replace(/\bline \d+/g, 'line #');
    const key = `${finding.code}\u0000${finding.file}\u0000${message}\u0000${snippet}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    lazyFingerprint(finding, key, occurrence);
  }
}

/**
 * An enumerable own property like any other (JSON.stringify, spreads and structuredClone see the
 * value), computed on its first read and then stored as plain data.
 */
function lazyFingerprint(finding: Finding, key: string, occurrence: number): void {
  Object.defineProperty(finding, 'fingerprint', {
    configurable: true,
    enumerable: true,
    get() {
      const value = `${sha256(key).slice(0, 32)}:${occurrence}`;
      Object.defineProperty(finding, 'fingerprint', { value, writable: true, configurable: true, enumerable: true });
      return value;
    },
    set(value: string | undefined) {
      Object.defineProperty(finding, 'fingerprint', { value, writable: true, configurable: true, enumerable: true });
    },
  });
}
