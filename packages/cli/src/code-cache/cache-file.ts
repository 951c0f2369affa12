import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The file a V8 code cache is kept in: a header of our own, then V8's bytes. V8 checks its
 * version, its flags and the source's length, but not the bytes themselves (release builds skip
 * the checksum): a flipped bit crashes the process or, worse, runs other code. So the header
 * holds a CRC-32 of the source the cache was made from and one of the payload, and a file that
 * fails either check is never handed to V8.
 */
const MAGIC = Buffer.from('EKSKITC1');
const HEADER_BYTES = MAGIC.length + 12;

export type Checksum = (data: Uint8Array) => number;

/**
 * zlib's native CRC-32 (Node 20.15+, 22.2+; about 0.2 ms for a 600 KB cache); `undefined` on older
 * Nodes, which then get no cache rather than a slow one. Loaded on the first call: every command
 * imports this module, only the code-cached ones hash.
 */
export function nativeCrc32(): Checksum | undefined {
  const zlib = createRequire(import.meta.url)('node:zlib') as { crc32?: Checksum };
  return typeof zlib.crc32 === 'function' ? (data) => zlib.crc32!(data) : undefined;
}

export function encodeCacheFile(sourceCrc: number, payload: Buffer, checksum: Checksum): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header);
  header.writeUInt32LE(sourceCrc >>> 0, MAGIC.length);
  header.writeUInt32LE(checksum(payload) >>> 0, MAGIC.length + 4);
  header.writeUInt32LE(payload.length, MAGIC.length + 8);
  return Buffer.concat([header, payload]);
}

/** V8's bytes, or `undefined` when the file is not one of ours, is cut short, was made from other source, or is damaged. */
export function decodeCacheFile(file: Buffer, sourceCrc: number, checksum: Checksum): Buffer | undefined {
  if (file.length < HEADER_BYTES || !file.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  if (file.readUInt32LE(MAGIC.length) !== sourceCrc >>> 0) return undefined;
  const payload = file.subarray(HEADER_BYTES);
  if (payload.length !== file.readUInt32LE(MAGIC.length + 8)) return undefined;
  return checksum(payload) >>> 0 === file.readUInt32LE(MAGIC.length + 4) ? payload : undefined;
}

/**
 * Where the caches live: EKS_KIT_CACHE_DIR when set, else the platform's per-user cache folder;
 * `undefined` when EKS_KIT_NO_CACHE is set or there is no home to put one in.
 */
export function cacheDirectory(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string | undefined {
  if (env.EKS_KIT_NO_CACHE) return undefined;
  if (env.EKS_KIT_CACHE_DIR) return path.resolve(env.EKS_KIT_CACHE_DIR);
  if (!home) return undefined;
  if (platform === 'win32') return path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'eks-kit', 'Cache');
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'eks-kit');
  return path.join(env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(home, '.cache'), 'eks-kit');
}

/**
 * The cache file of one script for this Node: V8's code cache is only good for the V8 that made
 * it. The script's name carries its build's content hash (`lint-3FQK2ZAB.cjs`), so two versions
 * of the kit on one machine keep a cache each.
 */
export function cacheFileName(scriptFile: string, nodeVersion: string, arch: string): string {
  return `${path.basename(scriptFile).replace(/\.c?js$/, '')}.node-${nodeVersion.replace(/^v/, '')}-${arch}.v8cache`;
}
