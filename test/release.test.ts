import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { repoRoot } from './harness/run-bundle.js';

/**
 * Runs scripts/release.mjs for real in a throwaway clone of a small kit: a root package with one
 * workspace, a lock file, a CHANGELOG, dist/, an example workflow, tags v1.0.0 and v1 one commit
 * behind main, and a bare `origin`. Its npm scripts stand in for the build, the dist check and the tests, and fail on
 * request (FAIL=package|check-dist|test), so every path of the script runs, git included.
 */
const SCRIPT = path.join(repoRoot, 'scripts/release.mjs');
const OLD_PIN = 'a'.repeat(40);

let dir: string;
let work: string;
let env: NodeJS.ProcessEnv;

const tools = `const fs = require('node:fs');
const step = process.argv[2];
if (process.env.FAIL === step) { console.error(step + ' failed on purpose'); process.exit(1); }
if (step === 'package') fs.writeFileSync('dist/index.js', 'built ' + require('./package.json').version + '\\n');
if (step === 'test') fs.appendFileSync(process.env.TEST_LOG, 'tested\\n');
`;

const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';
const files: Record<string, string> = {
  'package.json': json({
    name: 'kit',
    version: '1.0.0',
    private: true,
    workspaces: ['packages/*'],
    scripts: { package: 'node tools.cjs package', 'check-dist': 'node tools.cjs check-dist', test: 'node tools.cjs test' },
  }),
  'packages/core/package.json': '{\n  "name": "@kit/core",\n  "version": "1.0.0",\n  "exports": { ".": "./index.js" }\n}\n',
  'package-lock.json': json({
    name: 'kit',
    version: '1.0.0',
    lockfileVersion: 3,
    packages: { '': { name: 'kit', version: '1.0.0' }, 'packages/core': { name: '@kit/core', version: '1.0.0' } },
  }),
  'tools.cjs': tools,
  'dist/index.js': 'built 1.0.0\n',
  'CHANGELOG.md': '# Changelog\n\n## [1.1.0] - 2026-11-22\n\n- more\n\n## [1.1.0-rc.1]\n\n- almost\n\n## [1.0.0]\n\n- first\n',
  'examples/workflows/deploy.yml': `jobs:\n  a:\n    steps:\n      - uses: org/eks-kit/deploy@${OLD_PIN} # v1.0.0\n`,
};

function git(args: string[], cwd = work): string {
  return execFileSync('git', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}
const commitOf = (ref: string) => git(['rev-parse', `${ref}^{commit}`]);
const tagExists = (tag: string) => spawnSync('git', ['rev-parse', '--verify', '--quiet', `refs/tags/${tag}`], { cwd: work, env }).status === 0;
const read = (file: string) => readFileSync(path.join(work, file), 'utf8');
const testLog = () => (existsSync(env.TEST_LOG as string) ? readFileSync(env.TEST_LOG as string, 'utf8') : '');

function release(args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  const run = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: work, env: { ...env, ...extraEnv }, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'eks-kit-release-'));
  const gitconfig = path.join(dir, 'gitconfig');
  writeFileSync(gitconfig, '');
  const { NODE_OPTIONS: _nodeOptions, ...rest } = process.env;
  env = {
    ...rest,
    GIT_CONFIG_GLOBAL: gitconfig,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Release Test',
    GIT_AUTHOR_EMAIL: 'release@example.com',
    GIT_COMMITTER_NAME: 'Release Test',
    GIT_COMMITTER_EMAIL: 'release@example.com',
    TEST_LOG: path.join(dir, 'test.log'),
  };
  const seed = path.join(dir, 'seed');
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(seed, file)), { recursive: true });
    writeFileSync(path.join(seed, file), text);
  }
  git(['init', '--quiet', '--initial-branch=main'], seed);
  git(['add', '--all'], seed);
  git(['commit', '--quiet', '-m', 'kit 1.0.0'], seed);
  git(['tag', '--annotate', 'v1.0.0', '-m', 'v1.0.0'], seed);
  git(['tag', 'v1', 'v1.0.0^{commit}'], seed);
  writeFileSync(path.join(seed, 'packages/core/index.js'), 'export const more = true;\n'); // a change since v1.0.0
  git(['add', '--all'], seed);
  git(['commit', '--quiet', '-m', 'more'], seed);
  git(['clone', '--quiet', '--bare', seed, path.join(dir, 'origin.git')], dir);
  git(['clone', '--quiet', path.join(dir, 'origin.git'), 'work'], dir);
  work = path.join(dir, 'work');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run release', () => {
  it('releases: one version everywhere, dist rebuilt, tests run, vX.Y.Z tagged, vX moved, examples pinned', () => {
    const run = release(['1.1.0']);
    expect(run.stderr).not.toMatch(/^release:/m);
    expect(run.code).toBe(0);

    const released = commitOf('v1.1.0');
    expect(git(['cat-file', '-t', 'v1.1.0'])).toBe('tag'); // annotated
    expect(commitOf('v1')).toBe(released);
    expect(git(['show', 'v1.1.0:dist/index.js'])).toBe('built 1.1.0');
    for (const file of ['package.json', 'packages/core/package.json']) expect(JSON.parse(git(['show', `v1.1.0:${file}`])).version).toBe('1.1.0');
    expect(git(['diff', '--numstat', 'v1.0.0', 'v1.1.0', '--', 'packages/core/package.json'])).toBe('1\t1\tpackages/core/package.json'); // layout kept
    const lock = JSON.parse(git(['show', 'v1.1.0:package-lock.json']));
    expect([lock.version, lock.packages[''].version, lock.packages['packages/core'].version]).toEqual(['1.1.0', '1.1.0', '1.1.0']);
    expect(testLog()).toBe('tested\n');

    // main is one commit ahead: the examples now name the released commit.
    expect(git(['rev-parse', 'HEAD~1'])).toBe(released);
    expect(read('examples/workflows/deploy.yml')).toContain(`org/eks-kit/deploy@${released} # v1.1.0\n`);
    expect(git(['status', '--porcelain'])).toBe('');
    // Nothing pushed without --push.
    expect(git(['rev-parse', 'v1'], path.join(dir, 'origin.git'))).not.toBe(released);
  });

  it('pushes main and the tags with --push, forcing only the major tag', () => {
    expect(release(['1.1.0', '--push', '--skip-tests']).code).toBe(0);
    const origin = path.join(dir, 'origin.git');
    expect(git(['rev-parse', 'v1.1.0^{commit}'], origin)).toBe(commitOf('v1.1.0'));
    expect(git(['rev-parse', 'v1^{commit}'], origin)).toBe(commitOf('v1.1.0'));
    expect(git(['rev-parse', 'main'], origin)).toBe(git(['rev-parse', 'HEAD']));
    expect(testLog()).toBe(''); // --skip-tests
  });

  it('leaves the major tag alone for a pre-release', () => {
    const before = commitOf('v1');
    expect(release(['1.1.0-rc.1', '--skip-tests']).code).toBe(0);
    expect(tagExists('v1.1.0-rc.1')).toBe(true);
    expect(commitOf('v1')).toBe(before);
  });

  it.each([
    ['package', 'dist verification failed'],
    ['check-dist', 'dist verification failed'],
    ['test', 'the tests failed'],
  ])('does not tag or move vX when %s fails, and puts the tree back', (step, message) => {
    const head = git(['rev-parse', 'HEAD']);
    const run = release(['1.1.0'], { FAIL: step });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`release: ${message}; nothing was committed or tagged`);
    expect(tagExists('v1.1.0')).toBe(false);
    expect(commitOf('v1')).toBe(commitOf('v1.0.0'));
    expect(git(['rev-parse', 'HEAD'])).toBe(head);
    expect(git(['status', '--porcelain'])).toBe('');
  });

  it('--dry-run checks and prints the plan, and changes nothing', () => {
    const head = git(['rev-parse', 'HEAD']);
    const run = release(['1.1.0', '--dry-run']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('move v1 to v1.1.0');
    expect(run.stdout).toContain('push nothing (no --push)');
    expect(git(['rev-parse', 'HEAD'])).toBe(head);
    expect(tagExists('v1.1.0')).toBe(false);
    expect(git(['status', '--porcelain'])).toBe('');
    expect(testLog()).toBe('');
  });

  it.each([
    ['a dirty tree', ['1.1.0'], () => writeFileSync(path.join(work, 'notes.txt'), 'wip'), 'the working tree has uncommitted changes'],
    ['another branch', ['1.1.0'], () => git(['switch', '--quiet', '-c', 'feature']), 'releases are cut from main, and this is branch feature'],
    ['the same version', ['1.0.0'], () => undefined, '1.0.0 is not greater than the last release, v1.0.0'],
    ['a lower version', ['0.9.0'], () => undefined, '0.9.0 is not greater than the last release, v1.0.0'],
    ['a pre-release of the last version', ['1.0.0-rc.1'], () => undefined, 'is not greater than the last release, v1.0.0'],
    ['not semver', ['1.2'], () => undefined, '"1.2" is not a semantic version'],
    ['no CHANGELOG section', ['1.2.0'], () => undefined, 'CHANGELOG.md has no "## [1.2.0]" section'],
    ['a section still marked unreleased', ['1.1.0'], () => {
      writeFileSync(path.join(work, 'CHANGELOG.md'), read('CHANGELOG.md').replace('- 2026-11-22', '- Unreleased'));
      git(['commit', '--quiet', '-am', 'changelog']);
    }, 'CHANGELOG.md still calls 1.1.0 unreleased: put the release date in "## [1.1.0] - Unreleased"'],
    ['no version', [], () => undefined, 'usage: npm run release -- <version>'],
  ])('refuses %s with one clear line and no stack trace', (_name, args, arrange, message) => {
    arrange();
    const run = release(args);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toMatch(/^release: /);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(tagExists('v1.1.0')).toBe(false);
    expect(testLog()).toBe('');
  });
});
