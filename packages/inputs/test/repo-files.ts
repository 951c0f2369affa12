import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** A file of the repository, by its path from the root. */
export function repoFile(relative: string): string {
  return readFileSync(path.join(root, relative), 'utf8');
}
