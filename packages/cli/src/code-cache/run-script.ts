import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { cacheDirectory, cacheFileName, decodeCacheFile, encodeCacheFile, nativeCrc32, type Checksum } from './cache-file.js';
import { registerScript } from './stack-frames.js';

/**
 * Why a run compiled what it did: `accepted` ran on the cache's bytecode; `none`, `damaged` (not
 * ours, cut short, other source, bad checksum) and `rejected` (V8 said no: another V8, other
 * flags) compiled from source and write a cache when the run ends well; `off` has no cache at all.
 */
export type CodeCacheState = 'off' | 'none' | 'damaged' | 'rejected' | 'accepted';

interface PendingCache {
  script: vm.Script;
  dir: string;
  file: string;
  sourceCrc: number;
  checksum: Checksum;
}

const pending: PendingCache[] = [];

/** The script's wrapper, as Node's own CommonJS loader has it; `import.meta.url` is its last parameter (see scripts/bundles.mjs). */
const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname, __eksKitImportMetaUrl) {"use strict";\n';

export interface CodeCachedScriptOptions {
  /** Where the cache lives; the per-user default (cache-file.ts) when absent, no cache when undefined. */
  cacheDir?: string | undefined;
  /**
   * Modules the script takes from its host instead of bundling its own copy (scripts/bundles.mjs):
   * `@eks-kit/core`, so that the errors it throws are the classes the CLI's main tells apart.
   */
  shared?: Record<string, unknown>;
}

/**
 * Runs a command bundled as one CommonJS script (scripts/package.mjs builds them) with V8's code
 * cache, and returns its exports. Node compiles a function the first time it runs, and on a cold
 * start that is most of a lint: a cache written after a run (persistCodeCaches) holds the
 * bytecode of every function that run needed, where Node's own compile cache holds the top level.
 * Strict, as the ES modules it is bundled from are. Whatever is wrong with the cache, the script
 * runs: it just compiles as it would have without one.
 */
export function runCodeCachedScript(script: string | URL, options: CodeCachedScriptOptions = {}): { exports: Record<string, unknown>; cache: CodeCacheState } {
  const file = script instanceof URL ? fileURLToPath(script) : script;
  const cacheDir = 'cacheDir' in options ? options.cacheDir : defaultCacheDir();
  const source = readFileSync(file);
  const checksum = cacheDir === undefined ? undefined : nativeCrc32();
  let cache: CodeCacheState = 'off';
  let compiled: vm.Script;
  if (cacheDir === undefined || !checksum) {
    compiled = compile(file, source);
  } else {
    const sourceCrc = checksum(source);
    const cacheFile = path.join(cacheDir, cacheFileName(file, process.version, process.arch));
    const stored = readOrUndefined(cacheFile);
    const cachedData = stored && decodeCacheFile(stored, sourceCrc, checksum);
    compiled = compile(file, source, cachedData);
    cache = !stored ? 'none' : !cachedData ? 'damaged' : compiled.cachedDataRejected ? 'rejected' : 'accepted';
    if (cache !== 'accepted') pending.push({ script: compiled, dir: cacheDir, file: cacheFile, sourceCrc, checksum });
  }
  registerScript(file);
  const shared = options.shared ?? {};
  const nodeRequire = createRequire(file);
  const scriptRequire = (id: string): unknown => (Object.hasOwn(shared, id) ? shared[id] : nodeRequire(id));
  const module = { exports: {} as Record<string, unknown> };
  const run = compiled.runInThisContext() as (...args: unknown[]) => void;
  run.call(module.exports, module.exports, scriptRequire, module, file, path.dirname(file), pathToFileURL(file).href);
  return { exports: module.exports, cache };
}

function compile(file: string, source: Buffer, cachedData?: Buffer): vm.Script {
  // lineOffset: the wrapper's first line is not the file's, so stack traces keep the file's line numbers.
  return new vm.Script(`${WRAPPER_HEAD}${source.toString('utf8')}\n})`, { filename: file, lineOffset: -1, ...(cachedData ? { cachedData } : {}) });
}

function readOrUndefined(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

function defaultCacheDir(): string | undefined {
  let home = '';
  try {
    home = homedir();
  } catch {
    /* no home directory: no cache */
  }
  return cacheDirectory(process.env, process.platform, home);
}

/**
 * Writes the code cache of every script that ran without a usable one. Call it after a run that
 * did its whole job (a `--help` compiles a fraction of a lint), so the cache holds what a real run
 * compiles. Written beside its final name and renamed, so a reader never sees half a file; older
 * builds' caches of the same script on this Node are removed. Never throws: an unwritable folder
 * just means the next run compiles again.
 */
export function persistCodeCaches(): void {
  for (const entry of pending.splice(0)) {
    const temporary = `${entry.file}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
    try {
      const bytes = encodeCacheFile(entry.sourceCrc, entry.script.createCachedData(), entry.checksum);
      mkdirSync(entry.dir, { recursive: true });
      writeFileSync(temporary, bytes);
      renameSync(temporary, entry.file);
      removeOlderBuilds(entry.dir, path.basename(entry.file));
    } catch {
      try {
        rmSync(temporary, { force: true });
      } catch {
        /* the folder itself is unusable: nothing was written */
      }
    }
  }
}

/** `lint-OLDHASH.node-24.1.0-x64.v8cache` goes when `lint-NEWHASH.node-24.1.0-x64.v8cache` is written. */
function removeOlderBuilds(dir: string, written: string): void {
  const match = /^(.+)-[A-Z0-9]+(\.node-.+\.v8cache)$/.exec(written);
  if (!match) return;
  const [, stem, suffix] = match;
  for (const name of readdirSync(dir)) {
    if (name !== written && name.startsWith(`${stem}-`) && name.endsWith(suffix!) && /^[A-Z0-9]+$/.test(name.slice(stem!.length + 1, -suffix!.length))) {
      rmSync(path.join(dir, name), { force: true });
    }
  }
}
