import { atEachWord } from '../../model/positions.js';
import { installCommands } from '../package-managers.js';
import { runRule } from '../run-rule.js';

/** `pkg=1.2-r0`, `pkg~1.2`, `pkg>1.2` and local `.apk` files say which version is meant. */
function isPinned(pkg: string): boolean {
  return /[=~<>]/.test(pkg) || pkg.endsWith('.apk');
}

export const dl3018 = runRule(
  { code: 'DL3018', severity: 'warning', category: 'correctness', title: 'Pin versions in apk add: `apk add <package>=<version>`', hadolint: true },
  (run, at) =>
    atEachWord(
      at,
      installCommands(run)
        .filter((install) => install.manager === 'apk')
        .flatMap((install) => install.packages)
        .filter((pkg) => !isPinned(pkg) && !pkg.includes('$')),
      (pkg) => `Pin the version of \`${pkg}\`: \`apk add ${pkg}=<version>\``,
    ),
  ['apk'],
);
