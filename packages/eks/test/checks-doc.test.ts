import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IMPLEMENTED_CHECKS } from '../src/checks.js';

const DOC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/actions/version-drift.md');

/** The eks-kit column of the comparison table: every `id` it names. */
function documentedIds(markdown: string): string[] {
  const section = markdown.split('## Checks beside eksup and pluto')[1]?.split('\n## ')[0] ?? '';
  const rows = section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| tool') && !line.startsWith('| ---'));
  return rows.flatMap((row) => [...(row.split('|').at(-2) ?? '').matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]!));
}

describe('the docs table of checks beside eksup and pluto', () => {
  it('names exactly the implemented checks', () => {
    const documented = new Set(documentedIds(readFileSync(DOC, 'utf8')));
    expect(documented.size).toBeGreaterThan(0);
    expect([...documented].sort()).toEqual(Object.keys(IMPLEMENTED_CHECKS).sort());
  });
});
