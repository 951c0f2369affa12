import { atEachWord } from '../../model/positions.js';
import { installCommands } from '../package-managers.js';
import { runRule } from '../run-rule.js';
import { isRpmPinned, positional, variablesDefined } from './rpm-commands.js';

export const dl3033 = runRule(
  { code: 'DL3033', severity: 'warning', category: 'correctness', title: 'Specify versions with `yum install -y <package>-<version>`', hadolint: true },
  (run, at, { model }) =>
    atEachWord(
      at,
      installCommands(run)
        .filter((install) => install.manager === 'yum' && positional(install.command)[0] !== 'groupinstall')
        .flatMap((install) => {
          // `yum module install nodejs:18` pins a module stream with a colon.
          const isModule = positional(install.command)[0] === 'module';
          return install.packages.filter((pkg) => !(pkg.includes('$') && variablesDefined(model, at, pkg)) && !(isModule ? pkg.includes(':') : isRpmPinned(pkg)));
        }),
      (pkg) => `Pin the version of \`${pkg}\`: \`yum install -y ${pkg}-<version>\``,
    ),
  ['yum'],
);
