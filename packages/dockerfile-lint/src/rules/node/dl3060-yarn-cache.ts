import { shippedStages } from '../../model/stages.js';
import { positionalArgs } from '../../model/shell.js';
import type { Rule } from '../../rule.js';
import { cacheMountTargets } from '../mounts.js';
import { report, runsOf } from '../run-rule.js';

/**
 * Yarn 1 keeps a copy of every package in its global cache. As in hadolint, only stages that end
 * up in the final image count, and a clean must come after the install. Beyond hadolint: `yarn
 * add` fills the cache too, and any cache or tmpfs mount whose target is a yarn cache directory
 * (`…/.cache/yarn`, `…/yarn`) counts as cleanup, as does removing that directory.
 */
export const dl3060: Rule = {
  code: 'DL3060',
  severity: 'info',
  category: 'size',
  title: '`yarn cache clean` missing after `yarn install` in the same RUN',
  hadolint: true,
  check(context) {
    const shipped = shippedStages(context.model);
    for (const { run, at, names } of runsOf(context.model)) {
      if (!names.has('yarn') || !run.shell || (at.stage && !shipped.has(at.stage))) continue;
      if (cacheMountTargets(run).some((t) => /(^|\/)(\.cache\/)?yarn(\/|$)/.test(t))) continue;
      const commands = run.shell.commands;
      const install = commands.findIndex((c) => c.name === 'yarn' && ['install', 'add'].includes(positionalArgs(c.args).filter((w) => w !== 'global')[0] ?? 'install'));
      if (install === -1) continue;
      const cleaned = commands.some(
        (c, i) => i > install && ((c.name === 'yarn' && positionalArgs(c.args).slice(0, 2).join(' ') === 'cache clean') || (c.name === 'rm' && c.args.some((a) => a.includes('.cache/yarn')))),
      );
      if (!cleaned) report(context, at, true);
    }
  },
};
