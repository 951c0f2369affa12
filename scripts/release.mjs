/**
 * `npm run release -- <version> [--dry-run] [--push] [--skip-tests]`: cuts an eks-kit release from
 * a clean main. It checks first (branch, clean tree, semver greater than the last vX.Y.Z tag, a
 * CHANGELOG section), then sets every package.json (root and workspaces) and package-lock.json (the
 * bundles take the version from the root package.json when they are built); rebuilds dist/ and verifies it (`npm run package`, `npm run check-dist`); runs
 * `npm test`; commits; tags vX.Y.Z; and only then moves the major tag vX to it (never for a
 * pre-release). A second commit pins the example workflows to the released commit. Nothing leaves
 * the machine without --push. Works on the git repository of the current directory.
 * The process and the tag policy: docs/releasing.md.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import semver from 'semver';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npm run release -- <version> [--dry-run] [--push] [--skip-tests]';
const BRANCH = 'main';
const REMOTE = 'origin';
/** `<owner>/eks-kit/<action>@<sha> # v…` in the example workflows. */
const EXAMPLE_PIN = /([\w.-]+\/eks-kit\/[\w-]+)@[0-9a-f]{40}(?: # v\S+)?/g;

class ReleaseError extends Error {}

let root = '';
const git = (args) => gitIn(root, args);

function gitIn(cwd, args) {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (error) {
    throw new ReleaseError(`git ${args.join(' ')} failed: ${String(error.stderr ?? error.message).trim()}`);
  }
}

/** Runs an npm script with its output on the terminal; true when it succeeded. */
function npmRun(script) {
  console.log(`\n$ npm run ${script}`);
  return spawnSync('npm', ['run', script], { cwd: root, stdio: 'inherit' }).status === 0;
}

/** A release version as written, 1.2.3 or 1.3.0-rc.1: no leading v, no build metadata. */
function parseVersion(text) {
  const parsed = semver.parse(text);
  return parsed && parsed.version === text ? parsed : undefined;
}

function lastRelease() {
  return git(['tag', '--list', 'v*'])
    .split('\n')
    .map((tag) => parseVersion(tag.slice(1)))
    .filter(Boolean)
    .sort(semver.compare)
    .at(-1);
}

function checks(version) {
  const branch = spawnSync('git', ['symbolic-ref', '--quiet', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim();
  if (branch !== BRANCH) throw new ReleaseError(`releases are cut from ${BRANCH}, and this is ${branch ? `branch ${branch}` : 'a detached HEAD'}: git switch ${BRANCH}`);
  const dirty = git(['status', '--porcelain']);
  if (dirty) throw new ReleaseError(`the working tree has uncommitted changes; commit or stash them first:\n${dirty.split('\n').slice(0, 10).join('\n')}`);

  const next = parseVersion(version);
  if (!next) throw new ReleaseError(`"${version}" is not a semantic version like 1.2.3 or 1.3.0-rc.1`);
  const last = lastRelease();
  if (last && semver.lte(next, last)) throw new ReleaseError(`${version} is not greater than the last release, v${last.version}`);

  const changelog = existsSync(path.join(root, 'CHANGELOG.md')) ? readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8') : '';
  const heading = new RegExp(`^## \\[?v?${version.replace(/\./g, '\\.')}\\]?(?:\\s.*)?$`, 'm').exec(changelog)?.[0];
  if (!heading) throw new ReleaseError(`CHANGELOG.md has no "## [${version}]" section: write what changed first`);
  if (/unreleased/i.test(heading)) throw new ReleaseError(`CHANGELOG.md still calls ${version} unreleased: put the release date in "${heading}"`);
  return { next, last };
}

/** The files that carry the kit's version, each with the edit that sets it. */
function versionFiles(version) {
  const setJson = (edit) => (text) => JSON.stringify(edit(JSON.parse(text)), null, 2) + '\n';
  const rootManifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const workspaces = (rootManifest.workspaces ?? []).flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [pattern];
    const dir = pattern.slice(0, -2);
    return existsSync(path.join(root, dir)) ? readdirSync(path.join(root, dir)).map((name) => `${dir}/${name}`) : [];
  });
  const manifests = ['', ...workspaces].filter((dir) => existsSync(path.join(root, dir, 'package.json')));
  return [
    // A manifest's own layout is kept: only its top-level "version" line changes.
    ...manifests.map((dir) => ({ file: path.posix.join(dir, 'package.json'), edit: (text) => text.replace(/^( {2}"version": )"[^"]*"/m, `$1"${version}"`) })),
    {
      file: 'package-lock.json',
      edit: setJson((lock) => {
        lock.version = version;
        for (const dir of manifests) if (lock.packages?.[dir]) lock.packages[dir].version = version;
        return lock;
      }),
    },
  ].filter(({ file }) => existsSync(path.join(root, file)));
}

function rewrite(file, edit) {
  const full = path.join(root, file);
  const before = readFileSync(full, 'utf8');
  const after = edit(before);
  if (after !== before) writeFileSync(full, after);
  return after !== before;
}

/** Puts the tree back as it was: it was clean when the release started. */
function restore(reason) {
  git(['checkout', '--quiet', 'HEAD', '--', '.']);
  git(['clean', '-fdq', '--', 'dist']);
  throw new ReleaseError(`${reason}; nothing was committed or tagged, and the tree is as it was`);
}

function release(version, options) {
  const { next } = checks(version);
  const tag = `v${version}`;
  const major = next.prerelease.length === 0 ? `v${next.major}` : undefined;
  const files = versionFiles(version);
  const examples = existsSync(path.join(root, 'examples/workflows'))
    ? readdirSync(path.join(root, 'examples/workflows')).filter((name) => /\.ya?ml$/.test(name)).map((name) => `examples/workflows/${name}`)
    : [];

  const plan = [
    `set version ${version} in ${files.map((f) => f.file).join(', ')}`,
    'npm run package, then npm run check-dist (dist/ must match the sources)',
    options.skipTests ? 'skip the tests (--skip-tests)' : 'npm test',
    `commit "release ${tag}" and tag ${tag} (annotated; never moved)`,
    major ? `move ${major} to ${tag} (git tag --force)` : `leave the major tag alone (${version} is a pre-release)`,
    `commit the example workflows pinned to ${tag}'s commit`,
    options.push ? `push ${BRANCH} and ${tag} to ${REMOTE}${major ? `, then force-push ${major}` : ''}` : 'push nothing (no --push)',
  ];
  if (options.dryRun) {
    console.log(`release ${tag}, dry run; checks passed, it would:\n${plan.map((step) => `  - ${step}`).join('\n')}`);
    return;
  }

  for (const { file, edit } of files) rewrite(file, edit);
  if (!npmRun('package') || !npmRun('check-dist')) restore('dist verification failed');
  if (!options.skipTests && !npmRun('test')) restore('the tests failed');

  git(['add', '--all']);
  if (spawnSync('git', ['diff', '--cached', '--quiet'], { cwd: root }).status !== 0) git(['commit', '--quiet', '-m', `release ${tag}`]);
  git(['tag', '--annotate', tag, '--message', `eks-kit ${tag}`]);
  if (major) git(['tag', '--force', major, `${tag}^{commit}`]);

  const commit = git(['rev-parse', `${tag}^{commit}`]);
  const pinned = examples.filter((file) => rewrite(file, (text) => text.replace(EXAMPLE_PIN, `$1@${commit} # ${tag}`)));
  if (pinned.length > 0) git(['commit', '--quiet', '-m', `examples: pin eks-kit to ${tag}`, '--', ...pinned]);

  if (options.push) {
    git(['push', '--atomic', REMOTE, BRANCH, `refs/tags/${tag}`]);
    if (major) git(['push', '--force', REMOTE, `refs/tags/${major}`]);
  }
  console.log(`\nreleased ${tag} at ${commit}${major ? `; ${major} points there too` : ''}.`);
  if (!options.push) console.log(`Push with: git push --atomic ${REMOTE} ${BRANCH} refs/tags/${tag}${major ? ` && git push --force ${REMOTE} refs/tags/${major}` : ''}`);
}

try {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean' }, push: { type: 'boolean' }, 'skip-tests': { type: 'boolean' } },
  });
  if (positionals.length !== 1) throw new ReleaseError(USAGE);
  root = gitIn(process.cwd(), ['rev-parse', '--show-toplevel']);
  release(positionals[0].replace(/^v/, ''), { dryRun: values['dry-run'], push: values.push, skipTests: values['skip-tests'] });
} catch (error) {
  console.error(`release: ${error instanceof ReleaseError ? error.message : `${error.message}\n${USAGE}`}`);
  process.exitCode = 1;
}
