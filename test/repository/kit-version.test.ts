import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from '@jest/globals';
import { repoRoot } from '../harness/run-bundle.js';

const readJson = (file: string) => JSON.parse(readFileSync(path.join(repoRoot, file), 'utf8')) as { version?: string; packages?: Record<string, { version?: string }> };

it('one version for the kit: root, every workspace, the lock file and eks-kit --version', () => {
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
  found['packages/cli/src/main.ts'] = /^const VERSION = '([^']*)';/m.exec(readFileSync(path.join(repoRoot, 'packages/cli/src/main.ts'), 'utf8'))?.[1];
  expect(workspaces.length).toBeGreaterThan(5);
  expect(Object.entries(found).filter(([, v]) => v !== version)).toEqual([]);
});

it('the CHANGELOG has a section for the current version', () => {
  const version = readJson('package.json').version ?? '';
  expect(readFileSync(path.join(repoRoot, 'CHANGELOG.md'), 'utf8')).toMatch(new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\]`, 'm'));
});
