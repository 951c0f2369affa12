import { wordRange } from '../../model/positions.js';
import { runRule } from '../run-rule.js';

export const dl3027 = runRule(
  {
    code: 'DL3027',
    severity: 'warning',
    category: 'correctness',
    title: '`apt` is for people at a terminal and its interface is not stable; use `apt-get` or `apt-cache` in scripts',
    hadolint: true,
  },
  (run, at) => ((run.shell?.commands ?? []).some((c) => c.name === 'apt') ? [{ range: wordRange(at, 'apt') }] : undefined),
  ['apt'],
);
