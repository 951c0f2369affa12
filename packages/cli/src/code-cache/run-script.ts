import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as Os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { cacheDirectory, cacheFileName, decodeCacheFile, nativeCrc32 } from './cache-file.js';
import { awaitPersist } from './pending-caches.js';
import { registerScript } from './stack-frames.js';

/**
 * Why a run compiled what it did: `accepted` ran on the cache's bytecode; `none`, `damaged` (not
 * ours, cut short, other source, bad checksum) and `rejected` (V8 said no: another V8, other
 * flags) compiled from source and write a cache when the run ends well; `off` has no cache at all.
 */
export type CodeCacheState = 'off' | 'none' | 'damaged' | 'rejected' | 'accepted';

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
    if (cache !== 'accepted') awaitPersist({ script: compiled, dir: cacheDir, file: cacheFile, sourceCrc, checksum });
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
  return cacheDirectory(process.env, process.platform, homeDirectory());
}

/** HOME (USERPROFILE on Windows) as os.homedir() reads it first; node:os itself (about 1 ms) only when it is unset. */
function homeDirectory(): string {
  const fromEnv = process.platform === 'win32' ? process.env.USERPROFILE : process.env.HOME;
  if (fromEnv) return fromEnv;
  try {
    return (createRequire(import.meta.url)('node:os') as typeof Os).homedir();
  } catch {
    return '';
  }
}
