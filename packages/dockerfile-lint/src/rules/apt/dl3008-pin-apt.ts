import { atEachWord } from '../../model/positions.js';
import { installCommands } from '../package-managers.js';
import { runRule } from '../run-rule.js';

/** `pkg=1.2`, `pkg/bookworm-backports` and local `.deb` files all say which version is meant. */
function isPinned(pkg: string): boolean {
  return pkg.includes('=') || pkg.includes('/') || pkg.endsWith('.deb');
}

export const dl3008 = runRule(
  { code: 'DL3008', severity: 'warning', category: 'correctness', title: 'Pin versions in apt-get install: `apt-get install <package>=<version>`', hadolint: true },
  (run, at) =>
    atEachWord(
      at,
      installCommands(run)
        .filter((install) => install.manager === 'apt-get')
        .flatMap((install) => install.packages)
        // A variable may hold pinned packages; there is nothing to check until build time.
        .filter((pkg) => !isPinned(pkg) && !pkg.includes('$')),
      (pkg) => `Pin the version of \`${pkg}\`: \`apt-get install ${pkg}=<version>\``,
    ),
  ['apt-get'],
);
