import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from './harness/run-bundle.js';
import { sarifErrors } from './harness/sarif-schema.js';
import { makeWorkspace } from './harness/workspace.js';

// The CLI's code cache goes to a folder of this test file's own, not the user's.
const cacheDir = mkdtempSync(path.join(tmpdir(), 'eks-kit-cache-'));

function cli(args: string[], cwd: string, PATH = process.env.PATH) {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'dist/cli/index.js'), ...args], { cwd, encoding: 'utf8', env: { PATH, EKS_KIT_CACHE_DIR: cacheDir } });
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
    const typo = cli(['lint', '--fail-on', 'error'], workspace);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe('error: --fail-on: not an option of eks-kit lint; did you mean --failure-threshold? "eks-kit lint --help" lists them\n');
    expect(cli(['frobnicate'], workspace).code).toBe(2);
  });
  it('prints SARIF that is valid against the 2.1.0 schema when a security rule fires', () => {
    const insecure = makeWorkspace({ Dockerfile: 'FROM ubuntu\nRUN sudo make install\nUSER root\n' });
    const run = cli(['lint', 'Dockerfile', '-f', 'sarif'], insecure);
    const log = JSON.parse(run.stdout) as { runs: { results: { ruleId: string }[] }[] };
    expect(log.runs[0]?.results.map((r) => r.ruleId)).toEqual(expect.arrayContaining(['DL3002', 'DL3004']));
    expect(sarifErrors(log)).toEqual([]);
  });
  it('adds ShellCheck findings with shellcheck on PATH, and says on stderr only when it is missing', () => {
    const unquoted = makeWorkspace({ Dockerfile: 'FROM alpine:3.20\nRUN echo $name\nUSER 1000\n' });
    const withShellcheck = cli(['lint', 'Dockerfile', '-f', 'json'], unquoted);
    const findings = (JSON.parse(withShellcheck.stdout) as { findings: { code: string }[] }).findings;
    expect(findings.map((f) => f.code)).toEqual(expect.arrayContaining(['SC2086', 'SC2154']));
    expect(withShellcheck.stderr).not.toContain('ShellCheck');
    const without = cli(['lint', 'Dockerfile', '-f', 'json'], unquoted, mkdtempSync(path.join(tmpdir(), 'no-shellcheck-')));
    expect((JSON.parse(without.stdout) as { findings: { code: string }[] }).findings.some((f) => f.code.startsWith('SC'))).toBe(false);
    expect(without.stderr.match(/ShellCheck is not on PATH/g)).toHaveLength(1);
  });
  it('prints JSON for scripts', () => {
    const run = cli(['lint', 'ok/Dockerfile', '-f', 'json'], workspace);
    expect(JSON.parse(run.stdout)).toMatchObject({ counts: { total: 0 } });
  });
});
