import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from './harness/run-bundle.js';
import { makeWorkspace } from './harness/workspace.js';

// The Node running the tests, and Node 24 (what action.yml declares) when setup has put it in .tools/.
const node24 = path.join(repoRoot, '.tools/node24/bin/node');
const nodes = [...new Set([process.execPath, ...(existsSync(node24) ? [node24] : [])])];

function lint(node: string, args: string[], cwd: string, cacheDir: string) {
  const result = spawnSync(node, [path.join(repoRoot, 'dist/cli/index.js'), 'lint', ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH, EKS_KIT_CACHE_DIR: cacheDir } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const cacheFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.v8cache')) : []);

describe.each(nodes)('eks-kit lint with its code cache (%s)', (node) => {
  const workspace = makeWorkspace({
    Dockerfile: 'FROM ubuntu\nRUN apt-get update && apt-get install -y curl\nRUN echo $HOME\nUSER root\n',
    'svc/Dockerfile': 'FROM alpine:3.20\nRUN apk add git\nUSER 1000\n',
  });
  const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();

  it('prints the same report cold, warm, and after the cache is damaged, in every format', () => {
    const cacheDir = path.join(mkdtempSync(path.join(tmpdir(), 'eks-kit-cache-')), 'eks-kit');
    for (const format of ['text', 'json', 'sarif']) {
      const cold = lint(node, ['-f', format, '--failure-threshold', 'none', 'Dockerfile', 'svc/Dockerfile'], workspace, cacheDir);
      expect(cold.code).toBe(0);
      expect(cold.stdout.length).toBeGreaterThan(100);
      const [file] = cacheFiles(cacheDir);
      expect(file).toMatch(new RegExp(`^lint-[A-Z0-9]+\\.node-${version.slice(1).replace(/\./g, '\\.')}-${process.arch}\\.v8cache$`));
      const written = readFileSync(path.join(cacheDir, file!));
      const warm = lint(node, ['-f', format, '--failure-threshold', 'none', 'Dockerfile', 'svc/Dockerfile'], workspace, cacheDir);
      expect(warm).toEqual(cold);
      // The warm run took the cache as it was: nothing rewritten.
      expect(readFileSync(path.join(cacheDir, file!)).equals(written)).toBe(true);
      const damaged = Buffer.from(written);
      damaged[Math.floor(damaged.length / 2)]! ^= 0xff;
      writeFileSync(path.join(cacheDir, file!), damaged);
      expect(lint(node, ['-f', format, '--failure-threshold', 'none', 'Dockerfile', 'svc/Dockerfile'], workspace, cacheDir)).toEqual(cold);
      // The run that found it damaged wrote a good one again.
      expect(readFileSync(path.join(cacheDir, file!)).equals(damaged)).toBe(false);
    }
  });

  it('keeps the exit code and the message when the lint fails or the flags are wrong, and writes no cache for them', () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'eks-kit-cache-'));
    const usage = lint(node, ['--format', 'yaml'], workspace, cacheDir);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--format: "yaml" is not a format');
    expect(lint(node, ['--help'], workspace, cacheDir).code).toBe(0);
    expect(cacheFiles(cacheDir)).toEqual([]);
    const failing = lint(node, ['Dockerfile'], workspace, cacheDir);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/^Dockerfile:1:1 DL3006 warning: /m);
    expect(cacheFiles(cacheDir)).toHaveLength(1);
    expect(lint(node, ['Dockerfile'], workspace, cacheDir)).toEqual(failing);
  });

  it('prints a crash\'s stack in the .ts sources, cold and warm', () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'eks-kit-cache-'));
    // A report path that is a folder: a bug-shaped failure (EISDIR), not an input mistake.
    const folder = mkdtempSync(path.join(tmpdir(), 'eks-kit-report-'));
    for (const run of ['cold', 'warm']) {
      if (run === 'warm') lint(node, ['Dockerfile', '--failure-threshold', 'none'], workspace, cacheDir);
      const crash = lint(node, ['Dockerfile', '--output', folder], workspace, cacheDir);
      expect(crash.code).toBe(3);
      expect(crash.stderr).toMatch(/unexpected error \(please report it\): Error: EISDIR/);
      expect(crash.stderr).toMatch(/packages\/cli\/src\/commands\/lint\.ts:\d+:\d+/);
      expect(crash.stderr).not.toMatch(/dist\/cli\/chunks\/[^\s)]+:\d+/);
    }
  });

  it('lints as usual where the cache folder cannot be made, or with the cache turned off', () => {
    const blocked = path.join(mkdtempSync(path.join(tmpdir(), 'eks-kit-cache-')), 'a-file');
    writeFileSync(blocked, '');
    const expected = lint(node, ['Dockerfile', '--failure-threshold', 'none'], workspace, mkdtempSync(path.join(tmpdir(), 'eks-kit-cache-')));
    expect(lint(node, ['Dockerfile', '--failure-threshold', 'none'], workspace, path.join(blocked, 'cache'))).toEqual(expected);
    expect(statSync(blocked).isFile()).toBe(true);
    const off = spawnSync(node, [path.join(repoRoot, 'dist/cli/index.js'), 'lint', 'Dockerfile', '--failure-threshold', 'none'], {
      cwd: workspace,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, EKS_KIT_NO_CACHE: '1', HOME: mkdtempSync(path.join(tmpdir(), 'eks-kit-home-')) },
    });
    expect({ code: off.status, stdout: off.stdout, stderr: off.stderr }).toEqual(expected);
  });
});
