import { wordRange } from '../../model/positions.js';
import { runRule } from '../run-rule.js';
import { answersYes, commandsWith } from './rpm-commands.js';

const PROMPTING = ['install', 'in', 'remove', 'rm', 'source-install', 'si', 'patch'];

export const dl3034 = runRule(
  { code: 'DL3034', severity: 'warning', category: 'correctness', title: 'Non-interactive switch missing from `zypper` command: `zypper install -y`', hadolint: true },
  (run, at) => {
    const prompting = commandsWith(run, ['zypper'], PROMPTING);
    return prompting.some((c) => !answersYes(c, '-n', '--non-interactive', '-y', '--no-confirm')) ? [{ range: wordRange(at, 'zypper') }] : undefined;
  },
  ['zypper'],
);
