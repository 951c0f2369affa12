import { shippedStages } from '../../model/stages.js';
import type { Rule } from '../../rule.js';
import { isCacheMounted } from '../mounts.js';
import { report, runsOf } from '../run-rule.js';

const LISTS = '/var/lib/apt/lists';

/**
 * `apt-get update` leaves tens of megabytes of package lists in the layer unless the same RUN
 * removes them. Like hadolint, only stages that end up in the final image count. Unlike
 * hadolint, any cache or tmpfs mount that holds /var/lib/apt/lists (at it or above it) counts
 * as cleanup; a mount of /var/cache/apt alone does not, because the lists live elsewhere.
 */
export const dl3009: Rule = {
  code: 'DL3009',
  severity: 'info',
  category: 'size',
  title: 'Delete the apt lists (/var/lib/apt/lists) in the RUN that ran `apt-get update`',
  hadolint: true,
  check(context) {
    const shipped = shippedStages(context.model);
    for (const { run, at, names } of runsOf(context.model)) {
      if (!(names.has('apt-get') || names.has('apt') || names.has('aptitude')) || (at.stage && !shipped.has(at.stage))) continue;
      const commands = run.shell?.commands ?? [];
      const updates = commands.some((c) => ['apt-get', 'apt', 'aptitude'].includes(c.name) && c.args.includes('update'));
      if (!updates) continue;
      const cleans = commands.some((c) => c.name === 'rm' && c.args.some((a) => a.startsWith(LISTS)));
      if (cleans || isCacheMounted(run, LISTS)) continue;
      report(context, at, true);
    }
  },
};
