import { wordRange } from '../../model/positions.js';
import { runRule } from '../run-rule.js';

export const dl3004 = runRule(
  {
    code: 'DL3004',
    severity: 'error',
    category: 'security',
    title: 'Do not use sudo: builds run as root already, and at run time use a tool like gosu to drop privileges',
    hadolint: true,
  },
  (run, at) => ((run.shell?.commands ?? []).some((c) => c.name === 'sudo' || c.wrappers?.includes('sudo')) ? [{ range: wordRange(at, 'sudo') }] : undefined),
  ['sudo'],
);
