import { commandWordRange } from '../../model/positions.js';
import { isCacheMounted } from '../mounts.js';
import { installCommands } from '../package-managers.js';
import { runRule } from '../run-rule.js';

/** With a cache mount on apk's cache directory, keeping the cache is the point, not a leak. */
export const dl3019 = runRule(
  {
    code: 'DL3019',
    severity: 'info',
    category: 'size',
    title: 'Use `apk add --no-cache` instead of `--update` and removing /var/cache/apk/* afterwards',
    hadolint: true,
  },
  (run, at) => {
    if (isCacheMounted(run, '/var/cache/apk') || isCacheMounted(run, '/etc/apk/cache')) return;
    const missing = installCommands(run).some((install) => install.manager === 'apk' && !install.command.args.includes('--no-cache'));
    return missing ? [{ range: commandWordRange(at, 'apk', 'add') }] : undefined;
  },
  ['apk'],
);
