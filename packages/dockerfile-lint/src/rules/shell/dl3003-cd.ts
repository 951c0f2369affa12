import { wordRange } from '../../model/positions.js';
import { runRule } from '../run-rule.js';

export const dl3003 = runRule(
  { code: 'DL3003', severity: 'warning', category: 'maintainability', title: 'Use WORKDIR to switch to a directory', hadolint: true },
  (run, at) => ((run.shell?.commands ?? []).some((c) => c.name === 'cd') ? [{ range: wordRange(at, 'cd') }] : undefined),
  ['cd'],
);
