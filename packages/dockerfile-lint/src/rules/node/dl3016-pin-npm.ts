import { atEachWord } from '../../model/positions.js';
import { installCommands } from '../package-managers.js';
import { runRule } from '../run-rule.js';

const GIT = /^git(\+(ssh|https?))?:\/\//;
const TARBALL = /\.(tar|tar\.gz|tgz)$/;
const FOLDER = /^(\/|\.\/|\.\.\/|~\/)/;

/** A version, tag or range after `@` (not the scope's `@`), a git ref, a tarball or a folder. */
function isPinned(pkg: string): boolean {
  if (GIT.test(pkg)) return pkg.includes('#');
  if (TARBALL.test(pkg) || FOLDER.test(pkg)) return true;
  const name = pkg.startsWith('@') ? pkg.slice(pkg.indexOf('/') + 1) : pkg;
  return name.includes('@');
}

export const dl3016 = runRule(
  { code: 'DL3016', severity: 'warning', category: 'correctness', title: 'Pin versions in npm: `npm install <package>@<version>`', hadolint: true },
  (run, at) =>
    atEachWord(
      at,
      installCommands(run)
        // `npm ci` installs exactly the lockfile; only named packages can float.
        .filter((install) => install.manager === 'npm' && install.command.args.some((a) => a === 'install' || a === 'i' || a === 'add'))
        .flatMap((install) => install.packages)
        .filter((pkg) => !isPinned(pkg) && !pkg.includes('$')),
      (pkg) => `Pin the version of \`${pkg}\`: \`npm install ${pkg}@<version>\``,
    ),
  ['npm'],
);
