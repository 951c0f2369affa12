import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './harness/run-bundle.js';
import { sarifErrors } from './harness/sarif-schema.js';
import { makeWorkspace } from './harness/workspace.js';

function cli(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'dist/cli/index.js'), ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('eks-kit lint (dist/cli/index.js)', () => {
  const workspace = makeWorkspace({ Dockerfile: 'FROM ubuntu\nRUN a\nRUN b\n', 'ok/Dockerfile': 'FROM alpine:3.20\nUSER 1000\n' });

  it('prints file:line:column findings and exits 1 over the threshold', () => {
    const run = cli(['lint', 'Dockerfile'], workspace);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^Dockerfile:1:1 DL3006 warning: /m);
  });
  it('exits 0 when nothing reaches the threshold', () => {
    expect(cli(['lint', 'Dockerfile', '--failure-threshold', 'error'], workspace).code).toBe(0);
  });
  it('exits 2 with the flag named on bad usage', () => {
    const run = cli(['lint', '--format', 'yaml'], workspace);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--format: "yaml" is not a format');
    expect(cli(['lint', '--nope'], workspace).code).toBe(2);
    expect(cli(['frobnicate'], workspace).code).toBe(2);
  });
  it('prints SARIF that is valid against the 2.1.0 schema when a security rule fires', () => {
    const insecure = makeWorkspace({ Dockerfile: 'FROM ubuntu\nRUN sudo make install\nUSER root\n' });
    const run = cli(['lint', 'Dockerfile', '-f', 'sarif'], insecure);
    const log = JSON.parse(run.stdout) as { runs: { results: { ruleId: string }[] }[] };
    expect(log.runs[0]?.results.map((r) => r.ruleId)).toEqual(expect.arrayContaining(['DL3002', 'DL3004']));
    expect(sarifErrors(log)).toEqual([]);
  });
  it('prints JSON for scripts', () => {
    const run = cli(['lint', 'ok/Dockerfile', '-f', 'json'], workspace);
    expect(JSON.parse(run.stdout)).toMatchObject({ counts: { total: 0 } });
  });
});
