import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cacheDirectory, cacheFileName, decodeCacheFile, encodeCacheFile, nativeCrc32 } from '../src/code-cache/cache-file.js';
import { persistCodeCaches } from '../src/code-cache/pending-caches.js';
import { runCodeCachedScript } from '../src/code-cache/run-script.js';
import { sourceMappedStack } from '../src/code-cache/stack-frames.js';

const crc32 = nativeCrc32()!;
const temp = (prefix: string) => mkdtempSync(path.join(tmpdir(), `eks-kit-${prefix}-`));

/** A script as scripts/package.mjs builds them: CommonJS, `import.meta.url` renamed. */
function script(dir: string, name = 'lint-AAAA1111.cjs', body = 'exports.double = (n) => n * 2;'): string {
  const file = path.join(dir, name);
  writeFileSync(file, `${body}\nexports.url = __eksKitImportMetaUrl;\nexports.strict = (function () { return this === undefined; })();\n`);
  return file;
}

function cacheFiles(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

describe('runCodeCachedScript', () => {
  it('compiles without a cache, writes one when asked, and the next run takes it', () => {
    const file = script(temp('script'));
    const cacheDir = path.join(temp('cache'), 'nested', 'eks-kit');
    const first = runCodeCachedScript(file, { cacheDir });
    expect(first.cache).toBe('none');
    expect((first.exports.double as (n: number) => number)(21)).toBe(42);
    expect(first.exports.url).toBe(`file://${file}`);
    expect(first.exports.strict).toBe(true);
    expect(cacheFiles(cacheDir)).toEqual([]);
    persistCodeCaches();
    expect(cacheFiles(cacheDir)).toEqual([cacheFileName(file, process.version, process.arch)]);
    // Made for its owner alone: a cache is code the next run executes.
    if (process.platform !== 'win32') expect(statSync(cacheDir).mode & 0o077).toBe(0);
    const second = runCodeCachedScript(file, { cacheDir });
    expect(second.cache).toBe('accepted');
    expect((second.exports.double as (n: number) => number)(4)).toBe(8);
  });

  it('writes nothing for a run that took the cache', () => {
    const file = script(temp('script'));
    const cacheDir = temp('cache');
    runCodeCachedScript(file, { cacheDir });
    persistCodeCaches();
    const cacheFile = path.join(cacheDir, cacheFileName(file, process.version, process.arch));
    const before = readFileSync(cacheFile);
    expect(runCodeCachedScript(file, { cacheDir }).cache).toBe('accepted');
    persistCodeCaches();
    expect(readFileSync(cacheFile).equals(before)).toBe(true);
  });

  it('never hands V8 a damaged cache: the run compiles from source and the next run has a good cache again', () => {
    const file = script(temp('script'));
    const cacheDir = temp('cache');
    runCodeCachedScript(file, { cacheDir });
    persistCodeCaches();
    const cacheFile = path.join(cacheDir, cacheFileName(file, process.version, process.arch));
    const damaged = readFileSync(cacheFile);
    damaged[damaged.length - 5]! ^= 0x10;
    writeFileSync(cacheFile, damaged);
    const run = runCodeCachedScript(file, { cacheDir });
    expect(run.cache).toBe('damaged');
    expect((run.exports.double as (n: number) => number)(5)).toBe(10);
    persistCodeCaches();
    expect(runCodeCachedScript(file, { cacheDir }).cache).toBe('accepted');
  });

  it('takes a truncated or foreign file for damage, not for a cache', () => {
    const file = script(temp('script'));
    const cacheDir = temp('cache');
    const cacheFile = path.join(cacheDir, cacheFileName(file, process.version, process.arch));
    runCodeCachedScript(file, { cacheDir });
    persistCodeCaches();
    writeFileSync(cacheFile, readFileSync(cacheFile).subarray(0, 100));
    expect(runCodeCachedScript(file, { cacheDir }).cache).toBe('damaged');
    writeFileSync(cacheFile, 'not a cache at all');
    expect(runCodeCachedScript(file, { cacheDir }).cache).toBe('damaged');
    persistCodeCaches();
  });

  it('does not use a cache made from other source, even of the same length', () => {
    const dir = temp('script');
    const cacheDir = temp('cache');
    const file = script(dir, 'lint-AAAA1111.cjs', 'exports.double = (n) => n * 2;');
    runCodeCachedScript(file, { cacheDir });
    persistCodeCaches();
    script(dir, 'lint-AAAA1111.cjs', 'exports.double = (n) => n * 3;');
    const run = runCodeCachedScript(file, { cacheDir });
    expect(run.cache).toBe('damaged');
    expect((run.exports.double as (n: number) => number)(2)).toBe(6);
    persistCodeCaches();
  });

  it('rewrites a cache V8 rejects (made by another V8 or for other code) and still runs', () => {
    const dir = temp('script');
    const cacheDir = temp('cache');
    const other = script(dir, 'other-BBBB2222.cjs', 'exports.double = (n) => { const twice = n + n; return twice; };');
    runCodeCachedScript(other, { cacheDir });
    persistCodeCaches();
    const otherCache = decodeCacheFile(readFileSync(path.join(cacheDir, cacheFileName(other, process.version, process.arch))), crc32(readFileSync(other)), crc32)!;
    // Our header says "this source", V8's bytes are another script's: only V8 can tell.
    const file = script(dir);
    const cacheFile = path.join(cacheDir, cacheFileName(file, process.version, process.arch));
    writeFileSync(cacheFile, encodeCacheFile(crc32(readFileSync(file)), otherCache, crc32));
    const run = runCodeCachedScript(file, { cacheDir });
    expect(run.cache).toBe('rejected');
    expect((run.exports.double as (n: number) => number)(3)).toBe(6);
    persistCodeCaches();
    expect(runCodeCachedScript(file, { cacheDir }).cache).toBe('accepted');
  });

  it('runs, and fails nothing, when the cache folder cannot be created or written', () => {
    const dir = temp('script');
    const file = script(dir);
    // A folder inside a regular file: every read and write fails (root ignores permission bits).
    const cacheDir = path.join(file, 'cache');
    const run = runCodeCachedScript(file, { cacheDir });
    expect(run.cache).toBe('none');
    expect(() => persistCodeCaches()).not.toThrow();
    expect(readdirSync(dir)).toEqual(['lint-AAAA1111.cjs']);
  });

  it('leaves no temporary file behind when the final name cannot be taken', () => {
    const file = script(temp('script'));
    const cacheDir = temp('cache');
    // A folder where the cache file should go: the rename fails.
    const cacheFile = path.join(cacheDir, cacheFileName(file, process.version, process.arch));
    mkdtempSync(cacheFile);
    runCodeCachedScript(file, { cacheDir });
    expect(() => persistCodeCaches()).not.toThrow();
    expect(cacheFiles(cacheDir).every((name) => !name.endsWith('.tmp'))).toBe(true);
  });

  it('gives the script its host\'s copy of a shared module, and Node\'s for the rest', () => {
    const host = { InputError: class InputError extends Error {} };
    const file = script(temp('script'), 'lint-AAAA1111.cjs', 'exports.InputError = require("@eks-kit/core").InputError; exports.sep = require("node:path").sep;');
    const run = runCodeCachedScript(file, { cacheDir: undefined, shared: { '@eks-kit/core': host } });
    expect(run.exports.InputError).toBe(host.InputError);
    expect(run.exports.sep).toBe(path.sep);
  });

  it('has no cache at all when turned off', () => {
    const file = script(temp('script'));
    const run = runCodeCachedScript(file, { cacheDir: undefined });
    expect(run.cache).toBe('off');
    expect((run.exports.double as (n: number) => number)(1)).toBe(2);
  });

  it('removes older builds of the same script on this Node, and keeps other Nodes and scripts', () => {
    const dir = temp('script');
    const cacheDir = temp('cache');
    const old = path.join(cacheDir, cacheFileName('lint-OLDBUILD.cjs', process.version, process.arch));
    const otherNode = path.join(cacheDir, cacheFileName('lint-OLDBUILD.cjs', 'v0.0.1', process.arch));
    const otherScript = path.join(cacheDir, cacheFileName('deploy-OLDBUILD.cjs', process.version, process.arch));
    for (const file of [old, otherNode, otherScript]) writeFileSync(file, 'x');
    runCodeCachedScript(script(dir, 'lint-NEWBUILD.cjs'), { cacheDir });
    persistCodeCaches();
    expect(cacheFiles(cacheDir)).toEqual(
      [otherScript, otherNode, path.join(cacheDir, cacheFileName('lint-NEWBUILD.cjs', process.version, process.arch))].map((f) => path.basename(f)).sort(),
    );
  });
});

describe('sourceMappedStack', () => {
  it('turns the frames of a script that ran into places in its sources, through the script\'s map', () => {
    const dir = temp('script');
    const file = script(dir, 'lint-MAPPED11.cjs');
    // Generated line 1, column 1 comes from src/lint.ts line 5, column 3.
    writeFileSync(`${file}.map`, JSON.stringify({ version: 3, sources: ['../src/lint.ts'], names: [], mappings: 'AAIE' }));
    runCodeCachedScript(file, { cacheDir: undefined });
    const stack = `Error: boom\n    at lintCommand (${file}:1:1)\n    at main (/elsewhere/main.ts:9:9)`;
    expect(sourceMappedStack(stack)).toBe(`Error: boom\n    at lintCommand (${path.join(path.dirname(dir), 'src', 'lint.ts')}:5:3)\n    at main (/elsewhere/main.ts:9:9)`);
  });
  it('leaves frames alone when the script has no map, or was never run', () => {
    const file = script(temp('script'), 'lint-NOMAP111.cjs');
    runCodeCachedScript(file, { cacheDir: undefined });
    const stack = `Error: boom\n    at ${file}:3:7\n    at /never/ran.cjs:1:1`;
    expect(sourceMappedStack(stack)).toBe(stack);
  });
});

describe('cacheDirectory', () => {
  it('follows EKS_KIT_CACHE_DIR, then the platform\'s per-user cache folder', () => {
    expect(cacheDirectory({ EKS_KIT_CACHE_DIR: '/tmp/c' }, 'linux', '/home/u')).toBe(path.resolve('/tmp/c'));
    expect(cacheDirectory({}, 'linux', '/home/u')).toBe('/home/u/.cache/eks-kit');
    expect(cacheDirectory({ XDG_CACHE_HOME: '/xdg' }, 'linux', '/home/u')).toBe('/xdg/eks-kit');
    // The XDG spec: a relative XDG_CACHE_HOME is invalid and ignored.
    expect(cacheDirectory({ XDG_CACHE_HOME: 'relative' }, 'linux', '/home/u')).toBe('/home/u/.cache/eks-kit');
    expect(cacheDirectory({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Caches/eks-kit');
    expect(cacheDirectory({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32', 'C:\\Users\\u')).toBe(path.join('C:\\Users\\u\\AppData\\Local', 'eks-kit', 'Cache'));
  });
  it('is off with EKS_KIT_NO_CACHE, or with no home and no folder named', () => {
    expect(cacheDirectory({ EKS_KIT_NO_CACHE: '1', EKS_KIT_CACHE_DIR: '/tmp/c' }, 'linux', '/home/u')).toBeUndefined();
    expect(cacheDirectory({}, 'linux', '')).toBeUndefined();
  });
});

describe('the cache file', () => {
  const payload = Buffer.from('v8 bytes');
  it('round-trips, and refuses other source, a bad checksum and a short file', () => {
    const file = encodeCacheFile(7, payload, crc32);
    expect(decodeCacheFile(file, 7, crc32)?.equals(payload)).toBe(true);
    expect(decodeCacheFile(file, 8, crc32)).toBeUndefined();
    const flipped = Buffer.from(file);
    flipped[flipped.length - 1]! ^= 1;
    expect(decodeCacheFile(flipped, 7, crc32)).toBeUndefined();
    expect(decodeCacheFile(file.subarray(0, file.length - 1), 7, crc32)).toBeUndefined();
    expect(decodeCacheFile(Buffer.concat([file, Buffer.from('x')]), 7, crc32)).toBeUndefined();
  });
  it('is named for the script, its build and the Node that made it', () => {
    expect(cacheFileName('/x/dist/cli/chunks/lint-3FQK2ZAB.cjs', 'v24.1.0', 'arm64')).toBe('lint-3FQK2ZAB.node-24.1.0-arm64.v8cache');
  });
});
