import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder, wherever the tests, benches and demo run from. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
