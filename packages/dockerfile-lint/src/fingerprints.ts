import { createHash } from 'node:crypto';
import type { Finding } from './types.js';

/**
 * Gives each finding of one file a fingerprint that code scanning can track from commit to
 * commit: the rule, the file, the message and the text of the lines it points at (whitespace
 * collapsed), never a line number, so adding lines above a finding keeps its identity. Two
 * findings that would still be alike (the same rule on two identical lines) are told apart by
 * their order among themselves, which a line shift does not change either.
 */
// Enough text to tell findings apart; bounded so a finding on a huge RUN costs no more than a small one.
const SNIPPET_LINES = 10;

export function assignFingerprints(findings: Finding[], lines: readonly string[]): void {
  const seen = new Map<string, number>();
  for (const finding of findings) {
    const { startLine, endLine } = finding.range;
    const snippet = lines
      .slice(startLine - 1, Math.min(Math.max(startLine, endLine), startLine + SNIPPET_LINES - 1))
      .join('\n')
      .replace(/\s+/g, ' ')
      .trim();
    // Some messages name another line ("the RUN on line 12"); that number moves with the file too.
    const message = finding.message.replace(/\bline \d+/g, 'line #');
    const key = `${finding.code}\u0000${finding.file}\u0000${message}\u0000${snippet}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    finding.fingerprint = `${createHash('sha256').update(key).digest('hex').slice(0, 32)}:${occurrence}`;
  }
}
