import { describe, expect, it } from '@jest/globals';
import { parseConfig } from '../../src/config-file.js';
import { lint, linesOf } from '../helpers.js';

const install = ['RUN apt-get update && apt-get install -y --no-install-recommends \\', '      curl \\', '    && rm -rf /var/lib/apt/lists/*'];

describe('hadolint pragmas and config with precise ranges', () => {
  it('a finding on a continuation line is ignored by a pragma above the instruction', () => {
    expect(linesOf('DL3008', ['FROM debian:12', ...install])).toEqual([3]);
    expect(linesOf('DL3008', ['FROM debian:12', '# hadolint ignore=DL3008', ...install])).toEqual([]);
  });
  it('a global pragma and .hadolint.yaml ignored work for every code', () => {
    expect(linesOf('DL3008', ['# hadolint global ignore=DL3008,DL3015', 'FROM debian:12', ...install])).toEqual([]);
    expect(linesOf('DL3008', ['FROM debian:12', ...install], { config: parseConfig('ignored: [DL3008]\n', '.hadolint.yaml') })).toEqual([]);
  });
  it('a finding inside a heredoc body is ignored by a pragma above the RUN', () => {
    const heredoc = ['RUN <<EOF', 'set -e', 'apt-get install -y --no-install-recommends jq', 'EOF'];
    expect(linesOf('DL3008', ['FROM debian:12', ...heredoc])).toEqual([4]);
    expect(linesOf('DL3008', ['FROM debian:12', '# hadolint ignore=DL3008', ...heredoc])).toEqual([]);
  });
  it('a stage pragma silences precise findings in that stage only', () => {
    const file = ['FROM debian:12 AS build', '# hadolint stage ignore=DL3008', ...install, 'FROM debian:12', ...install];
    expect(linesOf('DL3008', file)).toEqual([8]);
  });
  it('a pragma may carry a comment of its own after the codes', () => {
    const rootUser = (pragma: string) => ['FROM debian:12', 'RUN useradd -u 10001 app', pragma, 'USER root'];
    expect(linesOf('DL3002', rootUser('# hadolint ignore=DL3002 # the entrypoint drops privileges'))).toEqual([]);
    expect(linesOf('DL3002', rootUser('# hadolint ignore=DL3002,DL3008 #reason'))).toEqual([]);
    expect(linesOf('DL3002', rootUser('# hadolint ignore=DL3008 # DL3002 named only in the comment'))).toEqual([4]);
  });
  it('override changes the severity', () => {
    const findings = lint(['FROM debian:12', ...install], { config: parseConfig('override:\n  error: [DL3008]\n', '.hadolint.yaml') });
    expect(findings.find((f) => f.code === 'DL3008')?.severity).toBe('error');
  });
});

describe('DL1001 inline ignore pragmas (off by default)', () => {
  const file = ['FROM debian:12', '# hadolint ignore=DL3059', 'RUN a', 'RUN b'];
  it('is off by default', () => {
    expect(linesOf('DL1001', file)).toEqual([]);
  });
  it('when enabled, reports inline pragmas but not global ones', () => {
    const enabled = { enabled: new Set(['DL1001']) };
    expect(linesOf('DL1001', file, { config: enabled })).toEqual([2]);
    expect(linesOf('DL1001', ['# hadolint global ignore=DL3059', 'FROM debian:12'], { config: enabled })).toEqual([]);
  });
});
