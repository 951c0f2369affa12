import { wordRange } from '../../model/positions.js';
import { runRule } from '../run-rule.js';

// Interactive tools and commands about running systems: a build step has neither.
const POINTLESS = new Set(['free', 'kill', 'mount', 'ps', 'service', 'shutdown', 'ssh', 'top', 'vim']);

export const dl3001 = runRule(
  { code: 'DL3001', severity: 'info', category: 'maintainability', title: 'This command has no use in an image build (ssh, vim, shutdown, service, ps, free, top, kill, mount)', hadolint: true },
  (run, at) =>
    (run.shell?.commands ?? [])
      .filter((c) => POINTLESS.has(c.name))
      .map((c) => ({ range: wordRange(at, c.name), message: `\`${c.name}\` has no use in an image build: the build runs no services, terminals or other processes to look at` })),
  [...POINTLESS],
);
