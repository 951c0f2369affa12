import { describe, expect, it } from '@jest/globals';
import { ProcessRunner } from '@eks-kit/core';
import { lintTextWithShell } from '../../src/linter.js';
import { shellcheckVersion } from '../../src/shellcheck/check.js';

// The Debian binary `npm run setup` installs; these tests are about its real output.
const tool = { runner: new ProcessRunner() };

async function scFindings(lines: string[]): Promise<string[]> {
  const findings = await lintTextWithShell('Dockerfile', lines.join('\n') + '\n', { shellcheck: tool });
  return findings.filter((f) => f.code.startsWith('SC') || f.code === 'EK0002').map((f) => `${f.code}@${f.range.startLine}:${f.range.startColumn}`);
}

describe('ShellCheck (the real binary) over RUN scripts', () => {
  it('is installed', async () => {
    expect(await shellcheckVersion(tool)).toMatch(/^\d+\.\d+/);
  });

  it('reports SC2086 at the Dockerfile line and column, across continuation and dropped comment lines', async () => {
    const found = await scFindings([
      'FROM debian:12',
      'RUN apt-get update && \\',
      '    # Docker drops this comment line',
      '    echo $name_unset',
      'RUN  echo ok',
    ]);
    expect(found).toEqual(expect.arrayContaining(['SC2086@4:10', 'SC2154@4:10']));
  });

  it('takes ARG, ENV and the proxy variables as assigned, like hadolint', async () => {
    const found = await scFindings(['FROM debian:12', 'ARG version', 'ENV app_home=/app', 'RUN echo "$version $app_home $http_proxy"']);
    expect(found).toEqual([]);
  });

  it('checks a `RUN <<EOF` body as the script, at its own lines', async () => {
    const found = await scFindings(['FROM debian:12', 'RUN <<EOF', 'set -e', 'cd /tmp', 'echo $missing', 'EOF']);
    expect(found).toEqual(expect.arrayContaining(['SC2086@5:6', 'SC2154@5:6']));
    expect(found.every((f) => /@[345]:/.test(f))).toBe(true);
  });

  it('checks each RUN in its SHELL: [[ ]] is fine in bash, not in sh; pwsh is not checked', async () => {
    const found = await scFindings([
      'FROM debian:12 AS base',
      'SHELL ["/bin/bash", "-c"]',
      'RUN [[ -n "$HOME" ]] && echo bash',
      'FROM alpine',
      'RUN [[ -n "$HOME" ]] && echo sh',
      'SHELL ["pwsh", "-Command"]',
      'RUN if ($x) { Write-Host "[[" }',
    ]);
    expect(found).toEqual(['SC3010@5:5']);
  });

  it('keeps a broken RUN\'s parse error and still checks the RUNs after it', async () => {
    const found = await scFindings(['FROM alpine', 'RUN echo "unclosed', 'RUN echo $later_unset']);
    expect(found).toEqual(expect.arrayContaining(['SC1073@2:10', 'SC2086@3:10']));
  });

  it('checks ash as dash (no SC2187) and honours ignore pragmas', async () => {
    const found = await scFindings(['FROM alpine', 'SHELL ["/bin/ash", "-c"]', '# hadolint ignore=SC2086', 'RUN echo $HOME', 'RUN echo $PATH']);
    expect(found).toEqual(['SC2086@5:10']);
  });
});
