import { hasFlag } from '../../model/shell.js';
import { runRule } from '../run-rule.js';
import { firstAptInstallWhere } from './apt-commands.js';

/** `-y`, `--yes`, `--assume-yes`, `-qq`, `-q -q`, `-q=2` all answer apt-get's prompt. */
function answersYes(args: string[]): boolean {
  if (hasFlag(args, '-y', '--yes', '--assume-yes', '-qq')) return true;
  if (args.includes('-q=2') || args.includes('--quiet=2')) return true;
  return args.filter((a) => a === '-q' || a === '--quiet').length >= 2;
}

export const dl3014 = runRule(
  { code: 'DL3014', severity: 'warning', category: 'correctness', title: 'Use the `-y` switch to avoid manual input: `apt-get -y install <package>`', hadolint: true },
  (run, at) => firstAptInstallWhere(run, at, (c) => !answersYes(c.args)),
  ['apt-get'],
);
