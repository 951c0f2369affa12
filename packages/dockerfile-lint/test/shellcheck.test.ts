import { describe, expect, it } from '@jest/globals';
import type { CommandRunner, RunOptions, RunResult } from '@eks-kit/core';
import { defaultConfig } from '../src/config.js';
import { lintTextWithShell } from '../src/linter.js';
import { buildModel } from '../src/model/build-model.js';
import { dialectOf, scriptBatches } from '../src/shellcheck/script.js';

/** Answers each shellcheck run with the next canned json1 document, and keeps what it was given. */
class CannedShellcheck implements CommandRunner {
  readonly calls: { args: readonly string[]; input: string }[] = [];
  constructor(private readonly answers: Array<{ comments: object[] } | RunResult>) {}
  async run(_command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    this.calls.push({ args, input: (await options.input) ?? '' });
    const answer = this.answers.shift() ?? { comments: [] };
    if ('exitCode' in answer) return answer;
    return { exitCode: answer.comments.length > 0 ? 1 : 0, stdout: JSON.stringify(answer), stderr: '' };
  }
}

function comment(line: number, column: number, endColumn: number, code: number, level = 'info', message = `message ${code}`): object {
  return { file: '-', line, endLine: line, column, endColumn, level, code, message, fix: null };
}

const DOCKERFILE = [
  'FROM debian:12',
  'ARG VERSION',
  'ENV APP_HOME=/app MODE=prod',
  'RUN --mount=type=cache,target=/var/cache/apt \\',
  '    apt-get install -y curl && \\',
  '    # Docker drops this line',
  '    echo $VERSION',
  'RUN <<EOF',
  'set -e',
  'echo "$x"',
  'EOF',
  'RUN ["echo", "exec form is not shell"]',
];

describe('the script ShellCheck reads', () => {
  it('keeps every RUN at its own lines and columns, with keyword, flags and dropped comment lines blanked', () => {
    const [batch, ...others] = scriptBatches(buildModel('Dockerfile', DOCKERFILE.join('\n') + '\n'));
    expect(others).toEqual([]);
    expect(batch!.dialect).toBe('sh');
    const lines = batch!.text.split('\n');
    expect(lines[0]).toMatch(/^export HTTP_PROXY=1 .*no_proxy=1$/);
    expect(lines[1]).toBe('export VERSION=1');
    expect(lines[2]).toBe('export APP_HOME=1 MODE=1');
    expect(lines[3]).toBe('');
    expect(lines[4]).toBe(DOCKERFILE[4]);
    expect(lines[5]).toBe('\\');
    expect(lines[6]).toBe(DOCKERFILE[6]);
    // `RUN <<EOF` with no command: the body is the script, its markers are not shell.
    expect(lines.slice(7, 11)).toEqual(['', 'set -e', 'echo "$x"', '']);
    expect(lines[11]).toBe('');
    expect(batch!.spans).toEqual([
      { startLine: 4, endLine: 7 },
      { startLine: 8, endLine: 11 },
    ]);
  });

  it('blanks the keyword of a one-line RUN but keeps the columns of its script', () => {
    const [batch] = scriptBatches(buildModel('Dockerfile', 'FROM alpine\nRUN  echo $a\n'));
    expect(batch!.text.split('\n')[1]).toBe('     echo $a');
  });

  it('a fed heredoc stays as written: `python3 <<PY` is data, not shell', () => {
    const [batch] = scriptBatches(buildModel('Dockerfile', 'FROM python\nRUN python3 <<PY\nprint("$x")\nPY\n'));
    expect(batch!.text.split('\n').slice(1, 4)).toEqual(['    python3 <<PY', 'print("$x")', 'PY']);
  });

  it('takes the dialect from SHELL, inherits it through FROM <stage>, and skips shells ShellCheck cannot read', () => {
    const model = buildModel(
      'Dockerfile',
      [
        'FROM debian AS base',
        'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
        'RUN echo bash-1',
        'FROM base AS child',
        'RUN echo bash-2',
        'FROM alpine',
        'RUN echo sh-1',
        'SHELL ["pwsh", "-Command"]',
        'RUN Write-Host pwsh',
      ].join('\n'),
    );
    const batches = scriptBatches(model);
    expect(batches.map((b) => [b.dialect, b.spans.map((s) => s.startLine)])).toEqual([
      ['bash', [3, 5]],
      ['sh', [7]],
    ]);
    expect(dialectOf('/bin/ash')).toBe('dash');
    expect(dialectOf('cmd.exe')).toBeNull();
    expect(dialectOf('/usr/bin/zsh')).toBeNull();
  });

  it('turns a backslash followed by blanks into a continuation, as Docker reads it', () => {
    const [batch] = scriptBatches(buildModel('Dockerfile', 'FROM alpine\nRUN echo a \\  \n    b\n'));
    expect(batch!.text.split('\n')[1]).toBe('    echo a \\');
  });
});

describe('ShellCheck findings in the lint', () => {
  const text = DOCKERFILE.join('\n') + '\n';

  it('runs ShellCheck once for the file and reports SC codes at the Dockerfile line and column', async () => {
    const runner = new CannedShellcheck([{ comments: [comment(7, 10, 18, 2086), comment(10, 6, 8, 2154, 'warning'), comment(1, 8, 12, 2034, 'warning')] }]);
    const findings = await lintTextWithShell('Dockerfile', text, { shellcheck: { runner } });
    expect(runner.calls).toHaveLength(1);
    expect(runner.calls[0]!.args).toEqual(expect.arrayContaining(['--format=json1', '--shell=sh', '--exclude=SC2187,SC1090', '-']));
    const shellcheck = findings.filter((f) => f.code.startsWith('SC'));
    // The finding on line 1 is about the synthetic export line, not a RUN: dropped.
    expect(shellcheck.map((f) => [f.code, f.severity, f.range])).toEqual([
      ['SC2086', 'info', { startLine: 7, startColumn: 10, endLine: 7, endColumn: 18 }],
      ['SC2154', 'warning', { startLine: 10, startColumn: 6, endLine: 10, endColumn: 8 }],
    ]);
    expect(new Set(findings.map((f) => f.fingerprint)).size).toBe(findings.length);
  });

  it('honours `# hadolint ignore=SC…`, `ignored` and `override` as for any rule', async () => {
    const withPragma = text.replace('RUN <<EOF', '# hadolint ignore=SC2154\nRUN <<EOF');
    const answers = () => [{ comments: [comment(7, 10, 18, 2086), comment(11, 6, 8, 2154, 'warning')] }];
    const ignoredByPragma = await lintTextWithShell('Dockerfile', withPragma, { shellcheck: { runner: new CannedShellcheck(answers()) } });
    expect(ignoredByPragma.filter((f) => f.code.startsWith('SC')).map((f) => f.code)).toEqual(['SC2086']);

    const config = { ...defaultConfig(), ignored: new Set(['SC2086']), override: new Map([['SC2154', 'error' as const]]) };
    const configured = await lintTextWithShell('Dockerfile', withPragma.replace('# hadolint ignore=SC2154\n', '\n'), { config, shellcheck: { runner: new CannedShellcheck(answers()) } });
    expect(configured.filter((f) => f.code.startsWith('SC')).map((f) => [f.code, f.severity])).toEqual([['SC2154', 'error']]);
  });

  it('a RUN ShellCheck cannot parse keeps its parse error and the others are checked in one more run without it', async () => {
    const broken = ['FROM alpine', 'RUN echo "unclosed', 'RUN echo $a'].join('\n') + '\n';
    const runner = new CannedShellcheck([{ comments: [comment(2, 10, 11, 1073, 'error'), comment(4, 1, 1, 1072, 'error')] }, { comments: [comment(3, 10, 12, 2086)] }]);
    const findings = await lintTextWithShell('Dockerfile', broken, { shellcheck: { runner } });
    expect(runner.calls).toHaveLength(2);
    expect(runner.calls[1]!.input.split('\n')[1]).toBe('');
    expect(runner.calls[1]!.input.split('\n')[2]).toBe('    echo $a');
    expect(findings.filter((f) => f.code.startsWith('SC')).map((f) => `${f.code}@${f.range.startLine}`)).toEqual(['SC1073@2', 'SC2086@3']);
  });

  it('ShellCheck failing is one warning naming it, not an exception and not a clean result', async () => {
    const runner = new CannedShellcheck([{ exitCode: 3, stdout: '', stderr: 'unrecognized option\n' }]);
    const findings = await lintTextWithShell('Dockerfile', text, { shellcheck: { runner } });
    const failure = findings.find((f) => f.code === 'EK0002');
    expect(failure?.message).toContain('ShellCheck');
    expect(failure?.message).toContain('exited with 3');
  });

  it('without ShellCheck the findings are those of lintText', async () => {
    const findings = await lintTextWithShell('Dockerfile', text);
    expect(findings.some((f) => f.code.startsWith('SC'))).toBe(false);
  });
});
