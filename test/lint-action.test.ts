import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runBundle } from './harness/run-bundle.js';
import { sarifErrors } from './harness/sarif-schema.js';
import { makeWorkspace } from './harness/workspace.js';

const CLEAN = ['FROM alpine:3.20', 'USER 1000', 'CMD ["true"]', ''].join('\n');
const UNTAGGED = ['FROM ubuntu', 'RUN echo one', 'RUN echo two', ''].join('\n');

describe('lint action bundle (dist/lint/index.js)', () => {
  it('passes a clean Dockerfile and says so in outputs and summary', async () => {
    const run = await runBundle('lint', { workspace: makeWorkspace({ Dockerfile: CLEAN }) });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'pass', total: '0', errors: '0', files: '1' });
    expect(run.summary).toContain('## Dockerfile lint');
    expect(run.summary).toContain('Passed');
    expect(run.annotations).toEqual([]);
  });

  it('fails on findings over the threshold, annotates the line and links the rule', async () => {
    const run = await runBundle('lint', { workspace: makeWorkspace({ 'app/Dockerfile': UNTAGGED }) });
    expect(run.exitCode).toBe(1);
    expect(run.failure).toMatch(/^Policy: \d+ Dockerfile findings? at or above "info"/);
    expect(run.outputs.result).toBe('fail');
    expect(Number(run.outputs.warnings)).toBeGreaterThanOrEqual(1);
    const dl3006 = run.annotations.find((a) => a.properties.title?.startsWith('DL3006'));
    expect(dl3006).toMatchObject({ command: 'warning', properties: { file: 'app/Dockerfile', line: '1' } });
    expect(run.summary).toContain('[DL3006](https://github.com/org/eks-kit/blob/v1/docs/rules/hadolint.md#dl3006)');
    expect(run.summary).toContain('(https://github.com/acme/shop/blob/0123456789abcdef0123456789abcdef01234567/app/Dockerfile#L1)');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('annotates the most severe findings first and says how many more there are', async () => {
    const file = ['FROM ubuntu', 'RUN a', 'RUN b', 'RUN c', 'RUN d', ''].join('\n');
    const run = await runBundle('lint', { workspace: makeWorkspace({ Dockerfile: file }), inputs: { 'max-annotations': '1' } });
    expect(run.annotations).toHaveLength(1);
    expect(run.annotations[0]?.command).toBe('warning');
    const total = Number(run.outputs.total);
    expect(total).toBeGreaterThan(1);
    expect(run.summary).toContain(`The table shows all ${total} findings and 1 is annotated in the diff; the step log lists every finding.`);
  });

  it('spreads annotations over rules, and links rules at the repository and ref the workflow uses', async () => {
    const file = ['FROM ubuntu', ...Array.from({ length: 15 }, (_, i) => `RUN echo ${i}`), 'USER root', ''].join('\n');
    const run = await runBundle('lint', { workspace: makeWorkspace({ Dockerfile: file }), env: { GITHUB_ACTION_REPOSITORY: 'acme/eks-kit-fork', GITHUB_ACTION_REF: 'v1.7.0' } });
    // Fourteen DL3059 and one DL3066 notices: the rarer rule still gets one of the ten notice slots.
    const notices = run.annotations.filter((a) => a.command === 'notice').map((a) => a.properties.title?.split(' ')[0]);
    expect(notices).toHaveLength(10);
    expect(new Set(notices)).toEqual(new Set(['DL3059', 'DL3066']));
    expect(run.summary).toContain('(https://github.com/acme/eks-kit-fork/blob/v1.7.0/docs/rules/hadolint.md#dl3006)');
  });

  it('reports ShellCheck findings on RUN scripts at the Dockerfile line, linked to the ShellCheck wiki', async () => {
    // ARG names are exported to ShellCheck as constants (as hadolint does), so only $name is unquoted-and-unknown.
    const file = ['FROM alpine:3.20', 'ARG VERSION=1', 'RUN apk add --no-cache curl && \\', '    echo $VERSION $name', 'USER 1000', ''].join('\n');
    const run = await runBundle('lint', { workspace: makeWorkspace({ Dockerfile: file }) });
    const sc2086 = run.annotations.find((a) => a.properties.title?.startsWith('SC2086'));
    expect(sc2086).toMatchObject({ command: 'notice', properties: { file: 'Dockerfile', line: '4', col: '19' } });
    expect(run.summary).toContain('[SC2086](https://www.shellcheck.net/wiki/SC2086)');
    expect(run.summary).not.toContain('ShellCheck is not on PATH');
  });

  it('says once, in the log and the summary, when ShellCheck is not on PATH, and still lints', async () => {
    const file = ['FROM alpine:3.20', 'RUN echo $name', 'USER 1000', ''].join('\n');
    const emptyPath = mkdtempSync(path.join(tmpdir(), 'no-shellcheck-'));
    const run = await runBundle('lint', { workspace: makeWorkspace({ Dockerfile: file }), env: { PATH: emptyPath }, inputs: { 'failure-threshold': 'none' } });
    expect(run.exitCode).toBe(0);
    expect(run.stdout.match(/ShellCheck is not on PATH/g)).toHaveLength(1);
    expect(run.summary.match(/ShellCheck is not on PATH/g)).toHaveLength(1);
    expect(run.annotations.some((a) => a.properties.title?.startsWith('SC'))).toBe(false);
  });

  it('default discovery lints Dockerfiles, not the Markdown page about them', async () => {
    const run = await runBundle('lint', { workspace: makeWorkspace({ Dockerfile: CLEAN, 'docs/Dockerfile.md': '# How our Dockerfile works\n\nSee `FROM`.\n' }) });
    expect(run.outputs).toMatchObject({ files: '1', result: 'pass' });
  });

  it('writes SARIF that is valid against the 2.1.0 schema', async () => {
    const workspace = makeWorkspace({ Dockerfile: UNTAGGED });
    const run = await runBundle('lint', { workspace, inputs: { 'sarif-file': 'reports/lint.sarif', 'failure-threshold': 'none' } });
    expect(run.exitCode).toBe(0);
    expect(run.outputs['sarif-file']).toBe('reports/lint.sarif');
    const log = JSON.parse(readFileSync(path.join(workspace, 'reports/lint.sarif'), 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
    expect(sarifErrors(log)).toEqual([]);
    expect(log.runs[0]?.results.map((r) => r.ruleId)).toContain('DL3006');
  });

  it('honours .hadolint.yaml in the workspace (ignored, failure-threshold)', async () => {
    const workspace = makeWorkspace({ Dockerfile: UNTAGGED, '.hadolint.yaml': 'ignored: [DL3006]\nfailure-threshold: warning\n' });
    const run = await runBundle('lint', { workspace });
    expect(run.exitCode).toBe(0);
    expect(run.annotations.some((a) => a.properties.title?.startsWith('DL3006'))).toBe(false);
    expect(run.summary).toContain('config: `.hadolint.yaml`');
  });

  it('names the input of a mistake, without a stack trace', async () => {
    const workspace = makeWorkspace({ Dockerfile: CLEAN });
    const badThreshold = await runBundle('lint', { workspace, inputs: { 'failure-threshold': 'fatal' } });
    expect(badThreshold.exitCode).toBe(1);
    expect(badThreshold.failure).toBe('failure-threshold: "fatal" is not a threshold; expected one of error, warning, info, style, none');
    const missing = await runBundle('lint', { workspace, inputs: { dockerfiles: 'services/api/Dockerfile' } });
    expect(missing.failure).toBe('dockerfiles: "services/api/Dockerfile" does not exist');
    const badConfig = await runBundle('lint', { workspace: makeWorkspace({ Dockerfile: CLEAN, '.hadolint.yaml': 'override:\n  fatal: [DL3006]\n' }) });
    expect(badConfig.failure).toMatch(/^\.hadolint\.yaml: override\.fatal: unknown severity/);
  });

  it('reports a file it cannot make sense of as findings, not a crash', async () => {
    const run = await runBundle('lint', { workspace: makeWorkspace({ Dockerfile: '\u0000\u0001 not a dockerfile {{{\n<<<\n' }), inputs: { 'failure-threshold': 'none' } });
    expect(run.exitCode).toBe(0);
    expect(run.failure).toBeUndefined();
  });
});
