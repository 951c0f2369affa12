// Builds dist/<name>/ for every action and the CLI with esbuild: one ESM bundle each, only what
// the entry imports, plus licenses.txt for the bundled packages. Output is deterministic, so
// check-dist can compare a fresh build with the committed one byte for byte.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { bundlePlugins, bundleTargets, root, sourceMappedEntries } from './bundles.mjs';

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
    const result = await build({
      entryPoints: target.entryPoints,
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
      plugins: [sourceMappedEntries, ...bundlePlugins],
      logLevel: 'warning',
      absWorkingDir: root,
    });
    writeFileSync(path.join(outdir, 'licenses.txt'), licenses(result.metafile));
    writeFileSync(path.join(outdir, 'package.json'), '{\n  "type": "module"\n}\n');
    rmSync(finalDir, { recursive: true, force: true });
    renameSync(outdir, finalDir);
    results.push({ name: target.name, outdir: finalDir });
  }
  return results;
}

/** The license texts of every npm package that ended up in a bundle. */
function licenses(metafile) {
  const packages = new Map();
  for (const input of Object.keys(metafile.inputs)) {
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
