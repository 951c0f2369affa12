import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '@eks-kit/core';

const SKIP_DIRS = new Set(['.git', 'node_modules']);
const YAML = /\.ya?ml$/i;

/** YAML files under the given paths (files or directories, relative to root), sorted, each once. */
export async function findYamlFiles(root: string, paths: readonly string[], inputName = 'manifests'): Promise<string[]> {
  const found = new Set<string>();
  for (const given of paths.length > 0 ? paths : ['.']) {
    const absolute = path.resolve(root, given);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) throw new InputError(inputName, `"${given}" does not exist`);
    if (info.isDirectory()) await walk(absolute, found);
    else found.add(absolute);
  }
  return [...found].sort();
}

async function walk(dir: string, found: Set<string>): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) await walk(path.join(dir, entry.name), found);
    } else if (entry.isFile() && YAML.test(entry.name)) {
      found.add(path.join(dir, entry.name));
    }
  }
}
