import { describe, expect, it } from '@jest/globals';
import { lint, linesOf } from '../helpers.js';

const ek = (code: string, lines: string[]) => lint(lines).filter((f) => f.code === code);

describe('EK1007 package list order', () => {
  it('reports the first out-of-order package of a multi-line list with its exact range', () => {
    const findings = ek('EK1007', ['FROM debian:12-slim', 'RUN apt-get update && apt-get install -y --no-install-recommends \\', '    ca-certificates \\', '    git \\', '    curl \\', '    wget']);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.range).toEqual({ startLine: 5, startColumn: 5, endLine: 5, endColumn: 9 });
    expect(findings[0]?.message).toContain('`curl` comes after `git`');
    expect(findings[0]?.severity).toBe('style');
  });
  it('handles several packages per line and versions', () => {
    const findings = ek('EK1007', ['FROM alpine:3.20', 'RUN apk add --no-cache \\', '    bash=5.2 curl=8.9 \\', '    git jq \\', '    coreutils']);
    expect(findings.map((f) => [f.range.startLine, f.range.startColumn])).toEqual([[5, 5]]);
  });
  it('is quiet for sorted lists, single-line lists and variables', () => {
    expect(linesOf('EK1007', ['FROM debian:12-slim', 'RUN apt-get install -y \\', '    curl \\', '    git \\', '    wget'])).toEqual([]);
    expect(linesOf('EK1007', ['FROM debian:12-slim', 'RUN apt-get install -y wget curl'])).toEqual([]);
    expect(linesOf('EK1007', ['FROM debian:12-slim', 'RUN apt-get install -y \\', '    curl $EXTRA \\', '    git'])).toEqual([]);
  });
  it('checks pip, npm and yum lists too, and each install of a RUN separately', () => {
    expect(linesOf('EK1007', ['FROM python:3.12-slim', 'RUN pip install --no-cache-dir \\', '    requests==2.32.3 \\', '    flask==3.0.3'])).toEqual([4]);
    expect(linesOf('EK1007', ['FROM node:20-slim', 'RUN npm install -g \\', '    @types/node@20 \\', '    typescript@5'])).toEqual([]);
    const two = ['FROM debian:12-slim', 'RUN apt-get install -y \\', '    curl \\', '    wget && \\', '    apt-get install -y \\', '    zsh \\', '    bash'];
    expect(linesOf('EK1007', two)).toEqual([7]);
  });
  it('understands heredoc RUNs', () => {
    expect(linesOf('EK1007', ['FROM debian:12-slim', 'RUN <<EOF', 'apt-get install -y \\', '  wget \\', '  curl', 'EOF'])).toEqual([5]);
  });
});

describe('EK1008 duplicate package', () => {
  it('reports the second occurrence, and the two spellings when versions differ', () => {
    const findings = ek('EK1008', ['FROM debian:12-slim', 'RUN apt-get install -y curl=7.88.1-10 git \\', '    curl']);
    expect(findings.map((f) => [f.range.startLine, f.range.startColumn])).toEqual([[3, 5]]);
    expect(findings[0]?.message).toContain('`curl=7.88.1-10` and `curl`');
  });
  it('is quiet across different installs and managers', () => {
    expect(linesOf('EK1008', ['FROM debian:12-slim', 'RUN apt-get install -y python3-pip && pip install requests && apt-get install -y git', 'RUN pip install requests'])).toEqual([]);
  });
});

describe('package lists in heredocs', () => {
  it('finds the out-of-order package in a long heredoc list with a continuation on every line', () => {
    const packages = ['bash', 'ca-certificates', 'curl', 'git', 'jq', 'make', 'openssh-client', 'unzip', 'zip', 'less'];
    const file = ['FROM debian:12-slim', 'RUN <<EOF', 'apt-get update', 'apt-get install -y --no-install-recommends \\', ...packages.map((p, i) => `  ${p}${i < packages.length - 1 ? ' \\' : ''}`), 'EOF'];
    expect(linesOf('EK1007', file)).toEqual([14]);
  });
});

describe('ignoring EK1007 and EK1008, whose findings point inside the instruction', () => {
  it('a pragma above the RUN silences them', () => {
    const file = ['FROM debian:12-slim', '# eks-kit ignore=EK1007,EK1008', 'RUN apt-get install -y \\', '    git \\', '    curl \\', '    git'];
    expect(linesOf('EK1007', file)).toEqual([]);
    expect(linesOf('EK1008', file)).toEqual([]);
    expect(linesOf('EK1007', file.filter((line) => !line.startsWith('#')))).toEqual([4]);
  });
});
