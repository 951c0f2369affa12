// The list of bundles and how each is built. Shared by package.mjs, check-dist.mjs and bench.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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
    targets.push({ name, entryPoints, standalone: STANDALONE[name] ?? {}, codeCached: {} });
  }
  targets.push({ name: 'cli', entryPoints: { index: path.join(root, 'packages/cli/src/main.ts') }, standalone: {}, codeCached: CODE_CACHED.cli });
  return targets;
}

/**
 * Modules an entry imports dynamically that are built in a pass of their own, so that everything
 * they import statically is one file (chunks/<name>.js) instead of the chunks esbuild would share
 * with the rest of the bundle. On Node 24 each ES module loaded costs about 1 ms of CPU, as much
 * as a kubectl call's token plugin can spare: kubectl starts it for every API call of a deploy.
 */
const STANDALONE = {
  deploy: { 'token-plugin': path.join(root, 'actions/deploy/src/token-plugin-step.ts') },
};

/**
 * Modules an entry imports dynamically that are built as one CommonJS script each
 * (chunks/<name>-<hash>.cjs) and run through vm.Script with a V8 code cache written after the
 * first run (packages/cli/src/code-cache/). A cold `eks-kit lint` spends most of its time
 * compiling the functions it runs; an ES module cannot take a cache made after it ran. Only for
 * the CLI: an action's runner is a fresh machine with no cache to reuse.
 */
const CODE_CACHED = {
  cli: { lint: path.join(root, 'packages/cli/src/commands/lint.ts') },
};

/**
 * Packages a code-cached script takes from the bundle that runs it rather than bundling its own
 * copy: the CLI's main tells an InputError (exit 2) from a bug (exit 3) with `instanceof`, which a
 * second copy of the class would fail.
 */
export const CODE_CACHED_SHARED = ['@eks-kit/core'];

/** The file a relative dynamic import resolves to, as esbuild would resolve it; `undefined` for other imports. */
async function dynamicImportTarget(build, args) {
  if (args.kind !== 'dynamic-import' || args.pluginData?.resolving) return undefined;
  const resolved = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { resolving: true } });
  return resolved.path;
}

/** The name a code-cached script gives `import.meta.url`: the loader passes the script's URL in (run-script.ts). */
export const CODE_CACHED_IMPORT_META_URL = '__eksKitImportMetaUrl';

/**
 * esbuild plugin: a dynamic import of one of the target's code-cached modules becomes a module
 * that runs its script (`scripts`: source file -> { file: the script's path under the target's
 * folder, exports: its export names }). The importer is always in chunks/, as the script is.
 */
export function codeCachedImports(scripts) {
  const loader = path.join(root, 'packages/cli/src/code-cache/run-script.ts');
  return {
    name: 'code-cached-imports',
    setup(build) {
      build.onResolve({ filter: /^\./ }, async (args) => {
        const file = scripts.size === 0 ? undefined : await dynamicImportTarget(build, args);
        // Named relative to the root: the name lands in the source map, which must not depend on
        // where the checkout is.
        return file && scripts.has(file) ? { path: path.relative(root, file).split(path.sep).join('/'), namespace: 'code-cached' } : undefined;
      });
      build.onLoad({ filter: /.*/, namespace: 'code-cached' }, (args) => {
        const { file, exports } = scripts.get(path.resolve(root, args.path));
        const lines = [
          `import { runCodeCachedScript } from ${JSON.stringify(loader)};`,
          ...CODE_CACHED_SHARED.map((name, i) => `import * as shared${i} from ${JSON.stringify(name)};`),
          `const shared = { ${CODE_CACHED_SHARED.map((name, i) => `${JSON.stringify(name)}: shared${i}`).join(', ')} };`,
          `const { exports: script } = runCodeCachedScript(new URL(${JSON.stringify(`./${path.posix.basename(file)}`)}, import.meta.url), { shared });`,
          ...exports.map((name) => `export const ${name} = script.${name};`),
        ];
        return { contents: lines.join('\n') + '\n', resolveDir: root, loader: 'js' };
      });
    },
  };
}

/**
 * esbuild plugin: a dynamic import of one of the target's standalone modules stays an import of
 * its own file. The importer is always in chunks/ (every entry file is a stub that imports the
 * real entry, see sourceMappedEntries), so the path is relative to that folder.
 */
export function standaloneImports(standalone) {
  const names = new Map(Object.entries(standalone).map(([name, file]) => [file, name]));
  return {
    name: 'standalone-imports',
    setup(build) {
      build.onResolve({ filter: /^\./ }, async (args) => {
        const name = names.size === 0 ? undefined : names.get(await dynamicImportTarget(build, args));
        return name ? { path: `./${name}.js`, external: true } : undefined;
      });
    },
  };
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

const inRepoSources = (file) => file.startsWith(root + path.sep) && !file.includes(`${path.sep}node_modules${path.sep}`);
const isEntry = (file) => /[\\/](actions[\\/][^\\/]+[\\/]src[\\/](main|post)|packages[\\/]cli[\\/]src[\\/]main)\.ts$/.test(file);

/**
 * esbuild plugin: the kit's own modules (packages/*, actions/*) run nothing at import time, so a
 * bundle may drop every file of a barrel (`@eks-kit/kube`, `@eks-kit/image-push`) that the entry
 * does not use. Without it esbuild keeps each imported file's top-level `require()` of the AWS
 * SDK, and a post step that needs one function loads the whole SDK.
 */
export const kitModulesWithoutSideEffects = {
  name: 'kit-modules-without-side-effects',
  setup(build) {
    build.onResolve({ filter: /^(@eks-kit\/|\.{1,2}\/)/ }, async (args) => {
      if (args.pluginData?.resolving || args.kind === 'entry-point' || args.kind === 'dynamic-import') return undefined;
      if (!args.path.startsWith('@eks-kit/') && !inRepoSources(args.importer)) return undefined;
      const resolved = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { resolving: true } });
      if (resolved.errors.length > 0 || !inRepoSources(resolved.path) || isEntry(resolved.path)) return undefined;
      return { path: resolved.path, sideEffects: false };
    });
  },
};

/**
 * esbuild plugin: @actions/core imports its OIDC client, and with it @actions/http-client and
 * undici (over half a megabyte), at the top of the module. Replace that import with a stand-in
 * that loads the real client on the first `core.getIDToken()`, so a bundle that never asks for an
 * OIDC token never loads undici.
 */
export const lazyActionsOidc = {
  name: 'lazy-actions-oidc',
  setup(build) {
    build.onResolve({ filter: /^\.\/oidc-utils\.js$/ }, (args) => {
      if (!/[\\/]@actions[\\/]core[\\/]lib[\\/]core\.js$/.test(args.importer)) return undefined;
      return { path: path.join(args.resolveDir, 'oidc-utils.js'), namespace: 'lazy-actions-oidc' };
    });
    build.onLoad({ filter: /.*/, namespace: 'lazy-actions-oidc' }, (args) => ({
      contents: `export class OidcClient {
  static async getIDToken(audience) {
    const { OidcClient: client } = await import(${JSON.stringify(args.path)});
    return client.getIDToken(audience);
  }
}
`,
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
};

/**
 * esbuild plugin: each entry file is a stub that turns on source maps and then imports the real
 * entry. Node reads a module's source map only if maps were on when it loaded the module, and a
 * static import is loaded before any line of the importer runs; so stack traces name the .ts
 * sources only for modules imported after `process.setSourceMapsEnabled(true)`. The maps ship
 * beside the bundles (mappings only, without the source text).
 */
export const sourceMappedEntries = {
  name: 'source-mapped-entries',
  setup(build) {
    // The virtual module's path is relative to the repository: esbuild writes it into the entry's
    // source map as it is, and the map must not depend on where the checkout lives.
    build.onResolve({ filter: /.*/ }, (args) =>
      args.kind === 'entry-point' ? { path: path.relative(root, path.resolve(args.resolveDir || root, args.path)).split(path.sep).join('/'), namespace: 'source-mapped-entry' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'source-mapped-entry' }, (args) => {
      const file = path.resolve(root, args.path);
      const hashbang = readFileSync(file, 'utf8').startsWith('#!') ? '#!/usr/bin/env node\n' : '';
      return { contents: `${hashbang}process.setSourceMapsEnabled(true);\nawait import(${JSON.stringify(`./${path.basename(file)}`)});\n`, resolveDir: path.dirname(file), loader: 'js' };
    });
  },
};

/**
 * esbuild plugin: @actions/core imports node:crypto (about 15 ms of CPU on Node 24) for one
 * call, the random delimiter of a multi-line output or state value. Post steps and most failures
 * never write one; load the module on that first call instead.
 */
export const lazyActionsCrypto = {
  name: 'lazy-actions-crypto',
  setup(build) {
    build.onResolve({ filter: /^(node:)?crypto$/ }, (args) =>
      /[\\/]@actions[\\/]core[\\/]lib[\\/]file-command\.js$/.test(args.importer) ? { path: 'crypto', namespace: 'lazy-actions-crypto' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-actions-crypto' }, () => ({
      contents: "import { createRequire } from 'node:module';\nconst load = createRequire(import.meta.url);\nexport const randomUUID = (...args) => load('node:crypto').randomUUID(...args);\n",
      loader: 'js',
    }));
  },
};

/**
 * esbuild plugin: fdir (under tinyglobby) tries, at import time, to require() an unbundled
 * picomatch for its own glob API, which tinyglobby never calls. From a bundle that require()
 * finds whatever node_modules lies above dist/ (in this repository, about 4 ms of start-up
 * compiling a second copy of picomatch); drop the attempt. A build error says when fdir changes.
 */
export const fdirWithoutOptionalPicomatch = {
  name: 'fdir-without-optional-picomatch',
  setup(build) {
    const attempt = /try \{\s*__require\.resolve\("picomatch"\);\s*pm = __require\("picomatch"\);\s*\} catch \{\}/;
    build.onLoad({ filter: /[\\/]node_modules[\\/]fdir[\\/]dist[\\/]index\.mjs$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!attempt.test(source)) return { errors: [{ text: `${args.path}: the optional picomatch require() this plugin removes is not there any more; review fdirWithoutOptionalPicomatch` }] };
      return { contents: source.replace(attempt, '/* optional picomatch dropped: scripts/bundles.mjs */'), loader: 'js' };
    });
  },
};

/**
 * esbuild plugin: an ES module's `import … from 'node:fs'` makes Node build an ES module facade
 * of fs, which reads every export, `fs.promises` too, and that getter loads fs/promises with
 * readline and the REPL history: about 4 ms of CPU on Node 24 against under 1 ms for a
 * require('node:fs') (the banner's). So fs comes through require() in every ESM bundle.
 */
export const fsThroughRequire = {
  name: 'fs-through-require',
  setup(build) {
    if (build.initialOptions.format !== 'esm') return;
    // One stand-in per importer, so that each lands in its importer's chunk instead of a chunk of
    // its own (one more module to load); told apart by a hash of the importer's path in the
    // repository, so the bundles do not depend on where the checkout lives.
    build.onResolve({ filter: /^(node:)?fs$/ }, (args) => {
      if (args.kind !== 'import-statement') return undefined;
      const importer = createHash('sha256').update(path.relative(root, args.importer).split(path.sep).join('/')).digest('hex').slice(0, 12);
      return { path: `node:fs for ${importer}`, namespace: 'fs-through-require' };
    });
    build.onLoad({ filter: /.*/, namespace: 'fs-through-require' }, () => ({ contents: "module.exports = require('node:fs');\n", loader: 'js' }));
  },
};

/** Every plugin a bundle is built with, in order. */
export const bundlePlugins = [requireAsNode, kitModulesWithoutSideEffects, lazyActionsOidc, lazyActionsCrypto, fdirWithoutOptionalPicomatch, fsThroughRequire];
