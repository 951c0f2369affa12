import { wordRange } from '../../model/positions.js';
import { runRule } from '../run-rule.js';

export const dl4005 = runRule(
  { code: 'DL4005', severity: 'warning', category: 'maintainability', title: 'Use SHELL to change the default shell instead of relinking /bin/sh', hadolint: true },
  (run, at) => ((run.shell?.commands ?? []).some((c) => c.name === 'ln' && c.args.includes('/bin/sh')) ? [{ range: wordRange(at, 'ln') }] : undefined),
  ['ln'],
);
