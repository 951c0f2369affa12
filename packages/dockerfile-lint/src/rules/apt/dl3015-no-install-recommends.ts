import { runRule } from '../run-rule.js';
import { firstAptInstallWhere } from './apt-commands.js';

function skipsRecommends(args: string[]): boolean {
  return args.includes('--no-install-recommends') || args.some((a) => /^APT::Install-Recommends=("?)(false|0|no)\1$/i.test(a));
}

export const dl3015 = runRule(
  { code: 'DL3015', severity: 'info', category: 'size', title: 'Avoid additional packages by specifying `--no-install-recommends`', hadolint: true },
  (run, at) => firstAptInstallWhere(run, at, (c) => !skipsRecommends(c.args)),
  ['apt-get'],
);
