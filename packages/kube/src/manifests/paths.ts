import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '@eks-kit/core';
import { globSync } from 'tinyglobby';

/** Characters that make an entry a glob (`[c]` included, which the matcher's own check treats as literal). */
const GLOB_CHARACTERS = /[*?[{]/;

/** Never manifests of this repository: dependencies and git's own files. */
const SKIPPED = ['**/node_modules/**', '**/.git/**'];

/**
 * Files for each entry: a file, a directory (its YAML/JSON files, recursively, sorted), or a glob
 * (`*`, `**`, `?`, `[ab]`, `{a,b}`; tinyglobby's matcher). Walks skip node_modules and .git. An entry
 * that finds nothing is an input error rather than an empty deploy.
 */
export function expandManifestPaths(entries: readonly string[], cwd: string, input = 'manifests'): string[] {
  const files: string[] = [];
  for (const entry of entries) {
    const found = isGlob(entry, cwd) ? expandGlob(entry, cwd) : expandPlain(entry, cwd, input);
    if (found.length === 0) throw new InputError(input, `"${entry}" matches no manifest file`);
    for (const file of found) if (!files.includes(file)) files.push(file);
  }
  return files;
}

/** A name that exists as written is a file, even when it has glob characters (`app[1].yaml`). */
function isGlob(entry: string, cwd: string): boolean {
  return GLOB_CHARACTERS.test(entry) && !existsSync(path.resolve(cwd, entry));
}

function expandPlain(entry: string, cwd: string, input: string): string[] {
  const absolute = path.resolve(cwd, entry);
  if (!existsSync(absolute)) throw new InputError(input, `"${entry}" does not exist`);
  return statSync(absolute).isDirectory() ? find('**/*.{yaml,yml,json}', absolute, false) : [absolute];
}

function expandGlob(pattern: string, cwd: string): string[] {
  // The pattern is matched from its last directory without glob characters, so `../deploy/*.yaml`
  // and absolute patterns work as they read.
  const parts = path.resolve(cwd, pattern).split(path.sep);
  const firstMagic = parts.findIndex((part) => GLOB_CHARACTERS.test(part));
  const base = parts.slice(0, firstMagic).join(path.sep) || path.sep;
  if (!existsSync(base)) return [];
  return find(parts.slice(firstMagic).join('/'), base, true);
}

function find(pattern: string, dir: string, caseSensitive: boolean): string[] {
  const found = globSync(pattern, { cwd: dir, absolute: true, onlyFiles: true, dot: true, ignore: SKIPPED, caseSensitiveMatch: caseSensitive, expandDirectories: false });
  return found.map((file) => path.normalize(file)).sort(byPathSegments);
}

/** Directory by directory, each sorted by name: the order a recursive listing gives. */
function byPathSegments(a: string, b: string): number {
  const left = a.split(path.sep);
  const right = b.split(path.sep);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const order = (left[i] ?? '').localeCompare(right[i] ?? '');
    if (order !== 0) return order;
  }
  return left.length - right.length;
}
