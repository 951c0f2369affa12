import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type vm from 'node:vm';
import { encodeCacheFile, type Checksum } from './cache-file.js';

/** A script that ran without a usable cache (run-script.ts), and where its cache goes. */
export interface PendingCache {
  script: vm.Script;
  dir: string;
  file: string;
  sourceCrc: number;
  checksum: Checksum;
}

// Apart from run-script.ts so that the CLI's main, which calls persistCodeCaches after every
// command, does not load node:vm for the commands that run no script.
const pending: PendingCache[] = [];

export function awaitPersist(entry: PendingCache): void {
  pending.push(entry);
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
      // A cache is code this process will run: a folder of its own that no one else can write to.
      mkdirSync(entry.dir, { recursive: true, mode: 0o700 });
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
