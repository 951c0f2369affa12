import { wordRange } from '../../model/positions.js';
import { isCacheMounted } from '../mounts.js';
import { runRule } from '../run-rule.js';
import { cleanedAfter, subcommandOf } from './rpm-commands.js';

export const dl3036 = runRule(
  { code: 'DL3036', severity: 'warning', category: 'size', title: '`zypper clean` missing after zypper install in the same RUN', hadolint: true },
  (run, at) => {
    if (isCacheMounted(run, '/var/cache/zypp')) return;
    const commands = run.shell?.commands ?? [];
    const index = commands.findIndex((c) => c.name === 'zypper' && ['install', 'in'].includes(subcommandOf(c) ?? ''));
    if (index === -1) return;
    const cleaned = cleanedAfter(run, index, (c) => (c.name === 'zypper' && ['clean', 'cc'].includes(subcommandOf(c) ?? '')) || (c.name === 'rm' && c.args.some((a) => a.startsWith('/var/cache/zypp'))));
    return cleaned ? undefined : [{ range: wordRange(at, 'zypper') }];
  },
  ['zypper'],
);
