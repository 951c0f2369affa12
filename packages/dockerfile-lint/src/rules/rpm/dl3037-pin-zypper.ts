import { atEachWord } from '../../model/positions.js';
import { installCommands } from '../package-managers.js';
import { runRule } from '../run-rule.js';

/** zypper takes `pkg=1.2`, `pkg>=1.2`, `pkg<2` or a local `.rpm`. */
function isPinned(pkg: string): boolean {
  return /[=<>]/.test(pkg) || pkg.endsWith('.rpm');
}

export const dl3037 = runRule(
  { code: 'DL3037', severity: 'warning', category: 'correctness', title: 'Specify versions with `zypper install -y <package>=<version>`', hadolint: true },
  (run, at) =>
    atEachWord(
      at,
      installCommands(run)
        .filter((install) => install.manager === 'zypper')
        .flatMap((install) => install.packages)
        .filter((pkg) => !isPinned(pkg) && !pkg.includes('$')),
      (pkg) => `Pin the version of \`${pkg}\`: \`zypper install -y ${pkg}=<version>\``,
    ),
  ['zypper'],
);
