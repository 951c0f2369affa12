import { wordRangesInOrder } from '../../model/positions.js';
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
  (run, at) => {
    const unpinned = installCommands(run)
      // pipx installs an application from PyPI with pip's specifiers: `pipx install black==24.2.0`.
      .filter((install) => install.manager === 'pip' || install.manager === 'pipx')
      // Requirements and constraints files carry their own pins.
      .filter((install) => !install.command.args.some((a) => /^(-r|--requirement|-c|--constraint)(=|$)/.test(a) || /^-[rc]./.test(a)))
      .flatMap((install) => install.packages.map((pkg) => ({ pkg, program: install.manager === 'pipx' ? 'pipx' : 'pip' })))
      .filter(({ pkg }) => !isPinned(pkg) && !pkg.includes('$'));
    const ranges = wordRangesInOrder(at, unpinned.map((u) => u.pkg));
    return unpinned.map(({ pkg, program }, i) => ({ range: ranges[i]!, message: `Pin the version of \`${pkg}\`: \`${program} install ${pkg}==<version>\`` }));
  },
  ['pip', 'python', 'pipx'],
);

