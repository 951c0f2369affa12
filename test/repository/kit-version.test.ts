import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from '@jest/globals';
import { repoRoot } from '../harness/run-bundle.js';

const readJson = (file: string) => JSON.parse(readFileSync(path.join(repoRoot, file), 'utf8')) as { version?: string; packages?: Record<string, { version?: string }> };

it('one version for the kit: root, every workspace and the lock file', () => {
  const version = readJson('package.json').version;
  const workspaces = ['packages', 'actions'].flatMap((dir) =>
    readdirSync(path.join(repoRoot, dir))
      .map((name) => `${dir}/${name}`)
      .filter((ws) => existsSync(path.join(repoRoot, ws, 'package.json'))),
  );
  const lock = readJson('package-lock.json');
  const found: Record<string, string | undefined> = { 'package-lock.json': lock.packages?.['']?.version };
  for (const ws of workspaces) {
    found[`${ws}/package.json`] = readJson(`${ws}/package.json`).version;
    found[`package-lock.json ${ws}`] = lock.packages?.[ws]?.version;
  }
  expect(workspaces.length).toBeGreaterThan(5);
  expect(Object.entries(found).filter(([, v]) => v !== version)).toEqual([]);
});

it('the CHANGELOG has a section for the current version', () => {
  const version = readJson('package.json').version ?? '';
  expect(readFileSync(path.join(repoRoot, 'CHANGELOG.md'), 'utf8')).toMatch(new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\]`, 'm'));
});

/** Every .ts file under a directory, node_modules left out. */
function sources(dir: string): string[] {
  return readdirSync(path.join(repoRoot, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(relative);
    return entry.name.endsWith('.ts') ? [relative] : [];
  });
}

it('no source in packages/ or actions/ types the version: it comes from package.json (KIT_VERSION)', () => {
  const version = readJson('package.json').version ?? '';
  const literal = new RegExp(`['"\`]v?${version.replace(/\./g, '\\.')}['"\`]`);
  const files = ['packages', 'actions'].flatMap((dir) => readdirSync(path.join(repoRoot, dir)).flatMap((name) => (existsSync(path.join(repoRoot, dir, name, 'src')) ? sources(path.join(dir, name, 'src')) : [])));
  expect(files.length).toBeGreaterThan(50);
  expect(files.filter((file) => literal.test(readFileSync(path.join(repoRoot, file), 'utf8')))).toEqual([]);
});
