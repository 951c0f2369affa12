import { wordRange } from '../../model/positions.js';
import { runRule } from '../run-rule.js';

/** Short options of one word, even with a value glued on: `-qO-` has q and O. */
function shortOptions(arg: string): string {
  return /^-[A-Za-z]/.test(arg) && !arg.startsWith('--') ? (/^-([A-Za-z]+)/.exec(arg)?.[1] ?? '') : '';
}

/** Whether wget is told to print less than its default progress bar, or to write it to a file. */
function isQuiet(args: string[]): boolean {
  return args.some((arg) => {
    if (/^--(progress|quiet|no-verbose|output-file|append-output)(=|$)/.test(arg) || arg === '-nv') return true;
    const short = shortOptions(arg);
    // -O (capital) is the download's file, not the log's.
    return /[qoa]/.test(short.replace(/O.*$/, ''));
  });
}

export const dl3047 = runRule(
  {
    code: 'DL3047',
    severity: 'info',
    category: 'maintainability',
    title: 'wget without a progress option fills build logs: use `wget --progress=dot:giga <url>`, `-q` or `-nv`',
    hadolint: true,
  },
  (run, at) => ((run.shell?.commands ?? []).some((c) => c.name === 'wget' && !isQuiet(c.args)) ? [{ range: wordRange(at, 'wget') }] : undefined),
  ['wget'],
);
