import { wordRange } from '../../model/positions.js';
import { runRule } from '../run-rule.js';
import { answersYes, commandsWith } from './rpm-commands.js';

export const dl3030 = runRule(
  { code: 'DL3030', severity: 'warning', category: 'correctness', title: 'Use the `-y` switch to avoid manual input: `yum install -y <package>`', hadolint: true },
  (run, at) => {
    const installs = commandsWith(run, ['yum'], ['install', 'groupinstall', 'localinstall']);
    return installs.some((c) => !answersYes(c, '-y', '--assumeyes')) ? [{ range: wordRange(at, 'yum') }] : undefined;
  },
  ['yum'],
);
