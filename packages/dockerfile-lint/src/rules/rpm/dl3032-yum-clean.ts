import { wordRange } from '../../model/positions.js';
import { isCacheMounted } from '../mounts.js';
import { runRule } from '../run-rule.js';
import { cleanedAfter, positional, subcommandOf } from './rpm-commands.js';

/** hadolint ignores cache mounts here; a cache or tmpfs mount on /var/cache/yum keeps the layer clean too. */
export const dl3032 = runRule(
  { code: 'DL3032', severity: 'warning', category: 'size', title: '`yum clean all` missing after a yum install in the same RUN', hadolint: true },
  (run, at) => {
    if (isCacheMounted(run, '/var/cache/yum')) return;
    const commands = run.shell?.commands ?? [];
    const index = commands.findIndex((c) => c.name === 'yum' && subcommandOf(c) === 'install');
    if (index === -1) return;
    const cleaned = cleanedAfter(
      run,
      index,
      (c) => (c.name === 'yum' && positional(c).join(' ') === 'clean all') || (c.name === 'rm' && c.args.some((a) => a.startsWith('/var/cache/yum'))),
    );
    return cleaned ? undefined : [{ range: wordRange(at, 'yum') }];
  },
  ['yum'],
);
