// Builds dist/<name>/ for every action and the CLI with esbuild: one ESM bundle each, only what
// the entry imports, plus licenses.txt for the bundled packages. Output is deterministic, so
// check-dist can compare a fresh build with the committed one byte for byte.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { bundlePlugins, bundleTargets, CODE_CACHED_IMPORT_META_URL, CODE_CACHED_SHARED, codeCachedImports, root, sourceMappedEntries, standaloneImports } from './bundles.mjs';

// Bundled CommonJS packages call require(); ESM output needs one.
const banner = "import { createRequire as __eksKitCreateRequire } from 'node:module';\nconst require = __eksKitCreateRequire(import.meta.url);";

/** The kit's version, from the root package.json: the one place a release changes. */
export function kitVersion() {
  return JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version;
}

export async function packageAll(outRoot = path.join(root, 'dist'), { version = kitVersion() } = {}) {
  const results = [];
  for (const target of bundleTargets()) {
    // Built beside the old bundle and swapped in at the end, so a test running the bundle never
    // finds it half-written.
    const finalDir = path.join(outRoot, target.name);
    const outdir = path.join(outRoot, `.${target.name}.building`);
    rmSync(outdir, { recursive: true, force: true });
    mkdirSync(outdir, { recursive: true });
    // One pass per entry: an entry's static imports then end up in its own file rather than in
    // chunks shared with the other entry, which its run would have to load one by one. The
    // standalone modules get a pass each too, without the source-map stub (their importer is
    // already mapped).
    const inputs = {};
    const scripts = new Map();
    for (const [name, file] of Object.entries(target.codeCached)) {
      const base = options(outdir, version);
      const result = await build({ ...base, ...codeCachedScript, define: { ...base.define, 'import.meta.url': CODE_CACHED_IMPORT_META_URL }, entryPoints: { [`chunks/${name}`]: file }, plugins: bundlePlugins });
      Object.assign(inputs, result.metafile.inputs);
      const output = Object.keys(result.metafile.outputs).find((out) => out.endsWith('.cjs'));
      scripts.set(file, { file: path.relative(outdir, path.resolve(root, output)), exports: await exportNames(file) });
    }
    const passes = [
      ...Object.entries(target.entryPoints).map(([name, file]) => ({ entryPoints: { [name]: file }, plugins: [sourceMappedEntries, standaloneImports(target.standalone), codeCachedImports(scripts), ...bundlePlugins] })),
      ...Object.entries(target.standalone).map(([name, file]) => ({ entryPoints: { [`chunks/${name}`]: file }, plugins: bundlePlugins })),
    ];
    for (const pass of passes) {
      const result = await build({ ...options(outdir, version), ...pass });
      Object.assign(inputs, result.metafile.inputs);
    }
    writeFileSync(path.join(outdir, 'licenses.txt'), licenses(inputs));
    writeFileSync(path.join(outdir, 'package.json'), '{\n  "type": "module"\n}\n');
    rmSync(finalDir, { recursive: true, force: true });
    renameSync(outdir, finalDir);
    results.push({ name: target.name, outdir: finalDir });
  }
  return results;
}

/** esbuild's options for every pass. Output is deterministic, so check-dist can compare builds. */
function options(outdir, version) {
  return {
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    minifySyntax: true,
    minifyWhitespace: true,
    legalComments: 'none',
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    banner: { js: banner },
    // packages/core/src/version.ts: the version is written into the bundles, not read at run time.
    define: { __EKS_KIT_VERSION__: JSON.stringify(version) },
    logLevel: 'warning',
    absWorkingDir: root,
  };
}

/**
 * A code-cached script (scripts/bundles.mjs, CODE_CACHED): one CommonJS file, no chunks, that
 * packages/cli/src/code-cache/run-script.ts wraps as Node wraps a CommonJS module. Its name
 * carries its content hash, which keys the cache beside the Node version.
 */
const codeCachedScript = {
  format: 'cjs',
  splitting: false,
  entryNames: '[dir]/[name]-[hash]',
  outExtension: { '.js': '.cjs' },
  banner: {},
  external: CODE_CACHED_SHARED,
};

/** The names an ES module exports, as esbuild reads them. */
async function exportNames(file) {
  const result = await build({ entryPoints: [file], bundle: false, write: false, metafile: true, format: 'esm', platform: 'node', logLevel: 'silent', absWorkingDir: root });
  return Object.values(result.metafile.outputs)[0].exports;
}

/** The license texts of every npm package that ended up in a bundle. */
function licenses(inputs) {
  const packages = new Map();
  for (const input of Object.keys(inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (!match) continue;
    const dir = input.slice(0, input.indexOf(match[0]) + match[0].length);
    packages.set(match[1], path.join(root, dir));
  }
  const sections = [];
  for (const [name, dir] of [...packages].sort(([a], [b]) => a.localeCompare(b))) {
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const licenseFile = existsSync(dir) ? readdirSync(dir).find((f) => /^(licen[sc]e|copying)/i.test(f)) : undefined;
    const text = licenseFile ? readFileSync(path.join(dir, licenseFile), 'utf8').trim() : `(no license file; package.json says ${manifest.license ?? 'nothing'})`;
    sections.push(`${name}@${manifest.version}\n${manifest.license ?? ''}\n${text}\n`);
  }
  return sections.join('\n-----\n\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await packageAll();
  for (const { name } of results) console.log(`built dist/${name}`);
}
