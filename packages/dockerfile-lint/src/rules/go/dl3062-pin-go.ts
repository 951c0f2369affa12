import { atEachWord } from '../../model/positions.js';
import { positionalArgs } from '../../model/shell.js';
import { runRule } from '../run-rule.js';

const VALUE_FLAGS: ReadonlySet<string> = new Set(['-o', '-C', '-tags', '-ldflags', '-gcflags', '-mod', '-modfile', '-p', '-overlay', '-pkgdir', '-exec']);

/**
 * Local packages build what is in the context; remote ones need `@version` (not `@latest`). A
 * remote module path starts with a host (`golang.org/x/…`); `main.go`, `./cmd/app` and `std`
 * packages are not fetched.
 */
function isPinned(pkg: string): boolean {
  const [first = ''] = pkg.split('@')[0]?.split('/') ?? [];
  if (pkg.startsWith('.') || pkg.startsWith('/') || pkg.endsWith('.go') || !first.includes('.')) return true;
  const at = pkg.lastIndexOf('@');
  return at !== -1 && !['latest', 'none', 'master', 'main'].includes(pkg.slice(at + 1));
}

function isToolPinned(pkg: string): boolean {
  const at = pkg.lastIndexOf('@');
  return pkg.includes('$') || (at !== -1 && !['latest', 'none', 'master', 'main'].includes(pkg.slice(at + 1)));
}

export const dl3062 = runRule(
  { code: 'DL3062', severity: 'warning', category: 'correctness', title: 'Pin versions in go: `go install <package>@<version>`', hadolint: true },
  (run, at) =>
    atEachWord(
      at,
      (run.shell?.commands ?? [])
        .filter((c) => c.name === 'go')
        .flatMap((c) => {
          const [verb, ...rest] = positionalArgs(c.args, VALUE_FLAGS);
          const unpinned = (pkg: string): boolean => !isPinned(pkg) && !pkg.includes('$');
          // `go get -tool x`: x is a tool module to fetch, whatever its path looks like.
          if (verb === 'get' && c.args.includes('-tool')) return rest.filter((pkg) => !isToolPinned(pkg));
          if (verb === 'install' || verb === 'get') return rest.filter(unpinned);
          // `go run pkg args…`: only the package, the rest are its arguments.
          if (verb === 'run') return rest.slice(0, 1).filter(unpinned);
          return [];
        }),
      (pkg) => `Pin the version of \`${pkg}\`: \`go install ${pkg}@<version>\``,
    ),
  ['go'],
);
