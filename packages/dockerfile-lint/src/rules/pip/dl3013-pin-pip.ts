import { atEachWord } from '../../model/positions.js';
import { installCommands } from '../package-managers.js';
import { runRule } from '../run-rule.js';

const VERSION_SYMBOLS = ['==', '>=', '<=', '>', '<', '!=', '~=', '==='];
const VCS = /^(git|hg|svn|bzr)\+/;

/** Version specifiers, VCS URLs with a ref, local archives and paths all say what gets installed. */
function isPinned(pkg: string): boolean {
  if (VERSION_SYMBOLS.some((s) => pkg.includes(s))) return true;
  // `git+https://host/org/repo@v1.2`: the ref follows an `@` in the path, not in the host part.
  if (VCS.test(pkg)) return pkg.replace(/^[^:]+:\/\/[^/]*/, '').includes('@');
  if (pkg.endsWith('.whl') || pkg.endsWith('.tar.gz') || pkg.endsWith('.zip')) return true;
  return pkg.includes('/') || pkg === '.' || pkg.startsWith('.');
}

export const dl3013 = runRule(
  {
    code: 'DL3013',
    severity: 'warning',
    category: 'correctness',
    title: 'Pin versions in pip: `pip install <package>==<version>` or `pip install --requirement <file>`',
    hadolint: true,
  },
  (run, at) =>
    atEachWord(
      at,
      installCommands(run)
        .filter((install) => install.manager === 'pip' || install.manager === 'pipx')
        // Requirements and constraints files carry their own pins.
        .filter((install) => !install.command.args.some((a) => /^(-r|--requirement|-c|--constraint)(=|$)/.test(a) || /^-[rc]./.test(a)))
        .flatMap((install) => install.packages)
        .filter((pkg) => !isPinned(pkg) && !pkg.includes('$')),
      (pkg) => `Pin the version of \`${pkg}\`: \`pip install ${pkg}==<version>\` (pipx: \`pipx install ${pkg}==<version>\`)`,
    ),
  ['pip', 'pipx', 'python'],
);
