import { wordRange } from '../../model/positions.js';
import { runRule } from '../run-rule.js';
import { commandsWith } from './rpm-commands.js';

export const dl3035 = runRule(
  { code: 'DL3035', severity: 'warning', category: 'correctness', title: 'Do not use `zypper dist-upgrade`: it can move the image to another distribution release', hadolint: true },
  (run, at) => (commandsWith(run, ['zypper'], ['dist-upgrade', 'dup']).length > 0 ? [{ range: wordRange(at, (w) => w === 'dist-upgrade' || w === 'dup') }] : undefined),
  ['zypper'],
);
