import { wordRange } from '../../model/positions.js';
import { isCacheMounted } from '../mounts.js';
import { runRule } from '../run-rule.js';
import { cleanedAfter, positional, subcommandOf } from './rpm-commands.js';

const CACHE_CREATING = ['install', 'in', 'upgrade', 'up', 'upgrade-minimal', 'up-min', 'reinstall', 'rei', 'groupinstall', 'localinstall'];
// dnf 4 keeps its cache in /var/cache/dnf, dnf 5 in /var/cache/libdnf5; microdnf uses /var/cache/yum too.
const CACHES = ['/var/cache/dnf', '/var/cache/libdnf5', '/var/cache/yum'];

export const dl3040 = runRule(
  { code: 'DL3040', severity: 'warning', category: 'size', title: '`dnf clean all` missing after a dnf install in the same RUN', hadolint: true },
  (run, at) => {
    if (CACHES.some((cache) => isCacheMounted(run, cache))) return;
    const commands = run.shell?.commands ?? [];
    for (const name of ['dnf', 'microdnf']) {
      const index = commands.findIndex((c) => c.name === name && CACHE_CREATING.includes(subcommandOf(c) ?? ''));
      if (index === -1) continue;
      const cleaned = cleanedAfter(
        run,
        index,
        (c) => (c.name === name && positional(c).join(' ') === 'clean all') || (c.name === 'rm' && c.args.some((a) => CACHES.some((cache) => a.startsWith(cache)))),
      );
      if (!cleaned) return [{ range: wordRange(at, name), message: `\`${name} clean all\` missing after \`${name} ${subcommandOf(commands[index]!)}\` in the same RUN` }];
    }
    return undefined;
  },
  ['dnf', 'microdnf'],
);
