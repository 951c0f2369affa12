import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '@eks-kit/core';

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/**
 * Files for each entry: a file, a directory (its YAML/JSON files, recursively, sorted), or a glob
 * with * , ** and ?. An entry that finds nothing is an input error rather than an empty deploy.
 */
export function expandManifestPaths(entries: readonly string[], cwd: string, input = 'manifests'): string[] {
  const files: string[] = [];
  for (const entry of entries) {
    const found = /[*?[]/.test(entry) ? expandGlob(entry, cwd) : expandPlain(entry, cwd, input);
    if (found.length === 0) throw new InputError(input, `"${entry}" matches no manifest file`);
    for (const file of found) if (!files.includes(file)) files.push(file);
  }
  return files;
}

function expandPlain(entry: string, cwd: string, input: string): string[] {
  const absolute = path.resolve(cwd, entry);
  if (!existsSync(absolute)) throw new InputError(input, `"${entry}" does not exist`);
  return statSync(absolute).isDirectory() ? walk(absolute).filter((f) => MANIFEST_FILE.test(f)) : [absolute];
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((d) => (d.isDirectory() ? walk(path.join(dir, d.name)) : [path.join(dir, d.name)]));
}

function expandGlob(pattern: string, cwd: string): string[] {
  const absolute = path.resolve(cwd, pattern);
  const parts = absolute.split(path.sep);
  const firstMagic = parts.findIndex((p) => /[*?[]/.test(p));
  const base = parts.slice(0, firstMagic).join(path.sep) || path.sep;
  if (!existsSync(base)) return [];
  const matcher = globToRegExp(absolute);
  return walk(base).filter((f) => matcher.test(f));
}

export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] ?? '';
    if (c === '*' && glob[i + 1] === '*') {
      // "**/" matches zero or more directories.
      source += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|\\[\]]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
