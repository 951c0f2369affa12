import { wordRange } from '../../model/positions.js';
import { runRule } from '../run-rule.js';
import { answersYes, commandsWith } from './rpm-commands.js';

export const dl3038 = runRule(
  { code: 'DL3038', severity: 'warning', category: 'correctness', title: 'Use the `-y` switch to avoid manual input: `dnf install -y <package>`', hadolint: true },
  (run, at) => {
    const installs = commandsWith(run, ['dnf', 'microdnf'], ['install', 'groupinstall', 'localinstall']);
    const silent = installs.filter((c) => !answersYes(c, '-y', '--assumeyes'));
    return silent.length > 0 ? [{ range: wordRange(at, silent[0]?.name ?? 'dnf') }] : undefined;
  },
  ['dnf', 'microdnf'],
);
