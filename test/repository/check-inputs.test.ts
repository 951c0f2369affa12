import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from '@jest/globals';
import { repoRoot } from '../harness/run-bundle.js';
import { ACTION_NAMES } from '../harness/action-metadata.js';

// `npm run check-inputs` and `npm run inputs` on a copy of the files they read, one of them edited.
const copy = mkdtempSync(path.join(tmpdir(), 'eks-kit-check-inputs-'));
for (const name of ACTION_NAMES) {
  mkdirSync(path.join(copy, name), { recursive: true });
  cpSync(path.join(repoRoot, name, 'action.yml'), path.join(copy, name, 'action.yml'));
}
cpSync(path.join(repoRoot, 'docs'), path.join(copy, 'docs'), { recursive: true });

afterAll(() => rmSync(copy, { recursive: true, force: true }));

function script(...args: string[]) {
  const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');
  return spawnSync(tsx, [path.join(repoRoot, 'scripts/action-inputs.ts'), '--root', copy, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
}

describe('scripts/action-inputs.ts on outputs', () => {
  it('passes on the files as committed', () => {
    const run = script('--check');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('fails on an output action.yml describes otherwise or the docs leave out, and rewrites action.yml from the table', () => {
    const actionYml = path.join(copy, 'build-push/action.yml');
    const original = readFileSync(actionYml, 'utf8');
    writeFileSync(actionYml, original.replace('    description: The digest of that previous image; empty when there was none.', '    description: Edited by hand.'));
    const docs = path.join(copy, 'docs/actions/scan-gate.md');
    writeFileSync(docs, readFileSync(docs, 'utf8').replace(/^\| `comment-url` \|.*\n/m, ''));

    const failed = script('--check');
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('build-push/action.yml: output "previous-digest": action.yml has description "Edited by hand."');
    expect(failed.stderr).toContain('docs/actions/scan-gate.md: output "comment-url" is not in the Outputs table');

    const written = script();
    expect(written.stdout).toContain('wrote build-push/action.yml');
    expect(readFileSync(actionYml, 'utf8')).toBe(original);
  });
});
