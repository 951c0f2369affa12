// The list of bundles and how each is built. Shared by package.mjs, check-dist.mjs and bench.
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** Every action in actions/<name>/src/main.ts (+ post.ts), plus the CLI. */
export function bundleTargets() {
  const targets = [];
  for (const name of readdirSync(path.join(root, 'actions')).sort()) {
    const src = path.join(root, 'actions', name, 'src');
    if (!existsSync(path.join(src, 'main.ts'))) continue;
    const entryPoints = { index: path.join(src, 'main.ts') };
    if (existsSync(path.join(src, 'post.ts'))) entryPoints.post = path.join(src, 'post.ts');
    targets.push({ name, entryPoints, splitting: false });
  }
  targets.push({ name: 'cli', entryPoints: { index: path.join(root, 'packages/cli/src/main.ts') }, splitting: true });
  return targets;
}

/**
 * esbuild plugin: dockerfile-ast require()s vscode-languageserver-types and -textdocument; resolve
 * them to the files Node's require() loads (their CommonJS build) rather than their "module"
 * build, which esbuild would wrap so that every `Range.create` or `positionAt` goes through an
 * export getter (about 5% of lint time).
 */
export const requireAsNode = {
  name: 'require-as-node',
  setup(build) {
    build.onResolve({ filter: /^vscode-languageserver-(types|textdocument)$/ }, (args) =>
      args.kind === 'require-call' ? { path: createRequire(args.importer).resolve(args.path) } : undefined,
    );
  },
};
