import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';

const root = path.resolve(import.meta.dirname, '../..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

// check-dist rebuilds in the same checkout, so it cannot see a bundle or source map that depends
// on where the checkout lives; a fresh clone elsewhere would then fail it.
describe('the committed bundles', () => {
  it('name no path of the machine that built them', () => {
    const withPath = filesUnder(path.join(root, 'dist')).filter((file) => readFileSync(file, 'utf8').includes(root));
    expect(withPath.map((file) => path.relative(root, file))).toEqual([]);
  });
});
