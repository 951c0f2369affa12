// Proves the committed dist/ is what the sources build to (new, missing and changed files all
// count), and that every action.yml runs on node24 and points at bundles that exist.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { packageAll } from './package.mjs';
import { root } from './bundles.mjs';

const problems = [];

function listFiles(dir, base = dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? listFiles(full, base) : [path.relative(base, full)];
  });
}

// Built beside dist/, at the same depth: the source maps name the sources by relative paths, which
// must come out the same as the committed ones.
const fresh = mkdtempSync(path.join(root, '.check-dist-'));
try {
  await packageAll(fresh);
  const committed = new Set(listFiles(path.join(root, 'dist')));
  const built = new Set(listFiles(fresh));
  for (const file of built) {
    // A bundle that names the checkout's own folder builds differently in every other checkout.
    if (readFileSync(path.join(fresh, file), 'utf8').includes(root)) problems.push(`dist/${file} names the checkout's folder (${root}): build output must not depend on where the sources are`);
    if (!committed.has(file)) problems.push(`dist/${file} is missing: run npm run package and commit it`);
    else if (!readFileSync(path.join(fresh, file)).equals(readFileSync(path.join(root, 'dist', file)))) {
      problems.push(`dist/${file} differs from a fresh build: run npm run package and commit it`);
    }
  }
  for (const file of committed) if (!built.has(file)) problems.push(`dist/${file} is not produced by the sources any more: delete it`);
} finally {
  rmSync(fresh, { recursive: true, force: true });
}

for (const dir of readdirSync(root).sort()) {
  const file = path.join(root, dir, 'action.yml');
  if (!existsSync(file)) continue;
  let action;
  try {
    action = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push(`${dir}/action.yml is not valid YAML: ${error.message.split('\n')[0]}`);
    continue;
  }
  const runs = action?.runs ?? {};
  if (runs.using !== 'node24') problems.push(`${dir}/action.yml: runs.using is ${runs.using}, expected node24`);
  for (const key of ['main', 'pre', 'post']) {
    if (runs[key] === undefined) continue;
    if (!existsSync(path.resolve(root, dir, runs[key]))) problems.push(`${dir}/action.yml: runs.${key} points at ${runs[key]}, which does not exist`);
  }
  if (!runs.main) problems.push(`${dir}/action.yml: runs.main is missing`);
}

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('dist/ matches the sources; every action.yml uses node24 and points at existing bundles.');
