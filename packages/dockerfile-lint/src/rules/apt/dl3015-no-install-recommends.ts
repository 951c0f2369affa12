import { commandWordRange } from '../../model/positions.js';
import { runRule } from '../run-rule.js';
import { aptGetInstalls } from './apt-commands.js';

function skipsRecommends(args: string[]): boolean {
  return args.includes('--no-install-recommends') || args.some((a) => /^APT::Install-Recommends=("?)(false|0|no)\1$/i.test(a));
}

export const dl3015 = runRule(
  { code: 'DL3015', severity: 'info', category: 'size', title: 'Avoid additional packages by specifying `--no-install-recommends`', hadolint: true },
  (run, at) => (aptGetInstalls(run).some((c) => !skipsRecommends(c.args)) ? [{ range: commandWordRange(at, 'apt-get', 'install') }] : undefined),
  ['apt-get'],
);
