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

// One-shot hashing (Node 20.12+) skips a Hash object per finding: a file with 70,000 findings
// spent a fifth of its lint on them. Older Node 20 releases take the streaming API. node:crypto
// (about 8 ms of start-up on Node 24) is loaded by the first fingerprint, so a lint asked for
// none (LintOptions.fingerprints: the CLI's text report) never loads it.
let sha256Hex: ((text: string) => string) | undefined;
function loadSha256(): (text: string) => string {
  const crypto = createRequire(import.meta.url)('node:crypto') as typeof Crypto;
  return typeof crypto.hash === 'function' ? (text) => crypto.hash('sha256', text, 'hex') : (text) => crypto.createHash('sha256').update(text).digest('hex');
}

export function assignFingerprints(findings: Finding[], lines: readonly string[]): void {
  const seen = new Map<string, number>();
  for (const finding of findings) {
    const snippet = textAt(lines, finding.range);
    // Some messages name another line ("the RUN on line 12"); that number moves with the file too.
    const message = finding.message.includes('line ') ? finding.message.replace(/\bline \d+/g, 'line #') : finding.message;
    const key = `${finding.code}\u0000${finding.file}\u0000${message}\u0000${snippet}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    finding.fingerprint = `${(sha256Hex ??= loadSha256())(key).slice(0, 32)}:${occurrence}`;
  }
}
