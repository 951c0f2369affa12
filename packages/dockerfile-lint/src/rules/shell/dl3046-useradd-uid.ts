import { wordRange } from '../../model/positions.js';
import { hasFlag } from '../../model/shell.js';
import { runRule } from '../run-rule.js';

/** The value of `-u 123456`, `-u123456`, `--uid 123456` or `--uid=123456`. */
function uidOf(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '-u' || arg === '--uid') return args[i + 1];
    if (arg.startsWith('--uid=')) return arg.slice(6);
    if (/^-u\d/.test(arg)) return arg.slice(2);
  }
  return undefined;
}

/**
 * useradd writes the lastlog and faillog files sparse, sized by the UID; layers do not keep them
 * sparse, so a large UID can add gigabytes. `-l` (`--no-log-init`) skips them.
 */
export const dl3046 = runRule(
  { code: 'DL3046', severity: 'warning', category: 'size', title: '`useradd` with a high UID and without `-l` can make the image huge', hadolint: true },
  (run, at) => {
    const bad = (run.shell?.commands ?? []).some((c) => {
      if (c.name !== 'useradd' || hasFlag(c.args, '-l', '--no-log-init')) return false;
      const uid = uidOf(c.args);
      return uid !== undefined && uid.length > 5;
    });
    return bad ? [{ range: wordRange(at, 'useradd') }] : undefined;
  },
  ['useradd'],
);
