import { atEachWord } from '../../model/positions.js';
import { installCommands } from '../package-managers.js';
import { runRule } from '../run-rule.js';
import { isRpmPinned, positional, variablesDefined } from './rpm-commands.js';

export const dl3041 = runRule(
  { code: 'DL3041', severity: 'warning', category: 'correctness', title: 'Specify versions with `dnf install -y <package>-<version>`', hadolint: true },
  (run, at, { model }) =>
    installCommands(run)
      .filter((install) => (install.manager === 'dnf' || install.manager === 'microdnf') && !['group', 'groupinstall'].includes(positional(install.command)[0] ?? ''))
      .flatMap((install) => {
        const isModule = positional(install.command)[0] === 'module';
        const unpinned = install.packages.filter((pkg) => !(pkg.includes('$') && variablesDefined(model, at, pkg)) && !(isModule ? pkg.includes(':') : isRpmPinned(pkg)));
        return atEachWord(at, unpinned, (pkg) => `Pin the version of \`${pkg}\`: \`${install.manager} install -y ${pkg}-<version>\``);
      }),
  ['dnf', 'microdnf'],
);
