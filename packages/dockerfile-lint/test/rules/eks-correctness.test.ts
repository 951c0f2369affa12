import { describe, expect, it } from '@jest/globals';
import { lintText } from '../../src/linter.js';
import { lint, linesOf } from '../helpers.js';

const EK_ERRORS = ['EK0001', 'EK0002', 'EK0003', 'EK0004'];

describe('EK0003 unknown instruction', () => {
  it('reports a keyword Docker does not know, with its range', () => {
    const findings = lint(['FROM alpine:3.20', 'RUNN echo hi', 'COPY a b']).filter((f) => f.code === 'EK0003');
    expect(findings).toHaveLength(1);
    expect(findings[0]?.severity).toBe('error');
    expect(findings[0]?.message).toContain('`RUNN`');
    expect(findings[0]?.range).toEqual({ startLine: 2, startColumn: 1, endLine: 2, endColumn: 13 });
  });
  it('accepts every real instruction in any case', () => {
    const file = [
      'FROM alpine:3.20 AS base', 'arg A=1', 'ENV B=2', 'LABEL c=3', 'MAINTAINER x', 'EXPOSE 80', 'ADD a /a', 'COPY b /b',
      'USER 1000', 'WORKDIR /w', 'VOLUME /v', 'STOPSIGNAL SIGTERM', 'HEALTHCHECK CMD true', 'SHELL ["/bin/sh", "-c"]',
      'ONBUILD RUN true', 'RUN true', 'ENTRYPOINT ["x"]', 'CMD ["y"]',
    ];
    expect(linesOf('EK0003', file)).toEqual([]);
  });
});

describe('EK0004 no FROM', () => {
  it('reports an empty file', () => {
    const findings = lintText('Dockerfile', '\n\n');
    expect(findings.map((f) => f.code)).toContain('EK0004');
    expect(findings.find((f) => f.code === 'EK0004')?.message).toContain('no instructions');
  });
  it('reports a file with instructions but no FROM at its first instruction', () => {
    expect(linesOf('EK0004', ['# comment', 'ARG X=1', 'RUN echo'])).toEqual([2]);
  });
  it('is quiet when there is a FROM', () => {
    expect(linesOf('EK0004', ['ARG BASE=alpine:3.20', 'FROM ${BASE}'])).toEqual([]);
  });
});

describe('modern syntax is not an error', () => {
  const modern = [
    '# syntax=docker/dockerfile:1.7',
    '# check=error=true',
    'ARG BASE=node:20-slim',
    'FROM ${BASE} AS build',
    'WORKDIR /app',
    'COPY --link --chmod=644 package.json package-lock.json ./',
    'RUN --mount=type=cache,target=/root/.npm --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci',
    'COPY --link --exclude=*.md --exclude=.git . .',
    'RUN <<EOF',
    'set -e',
    'npm run build',
    'EOF',
    'COPY <<EOF /app/config.json',
    '{"a": 1}',
    'EOF',
    'FROM gcr.io/distroless/nodejs20-debian12:nonroot',
    'COPY --from=build --link /app/dist /app',
    'CMD ["/app/index.js"]',
  ];
  it('yields no error-severity EK finding', () => {
    const findings = lint(modern, { dockerignore: '.git\nnode_modules\n' });
    expect(findings.filter((f) => f.code.startsWith('EK') && f.severity === 'error')).toEqual([]);
    expect(findings.filter((f) => EK_ERRORS.includes(f.code))).toEqual([]);
  });
});

describe('robustness', () => {
  it('never throws on broken input, and every EK finding has a full location', () => {
    const inputs = ['RUN \\', 'FROM', 'FROM a\nRUN <<EOF\nunterminated', 'FROM a\nCOPY', 'FROM a\nRUN "unbalanced', '\u0000\u0001', 'FROM a\nCMD ["sh", "-c"'];
    for (const text of inputs) {
      const findings = lintText('Dockerfile', text, { dockerignore: null });
      expect(findings.filter((f) => f.code === 'EK0002')).toEqual([]);
      for (const f of findings) {
        expect(f.file).toBe('Dockerfile');
        expect(f.range.startLine).toBeGreaterThanOrEqual(1);
        expect(f.range.startColumn).toBeGreaterThanOrEqual(1);
        expect(f.message.length).toBeGreaterThan(10);
      }
    }
  });
  it('treats words that are Object property names as plain words', () => {
    for (const word of ['__proto__', 'constructor', 'toString']) {
      const text = `FROM ${word}\nRUN ${word} install ${word} && apt-get ${word} x\nCMD ${word} ${word}\nCOPY ${word} .\nENV ${word}=1\n`;
      expect(lintText('Dockerfile', text).filter((f) => f.code === 'EK0002')).toEqual([]);
    }
  });
});

describe('EK0005 instructions BuildKit refuses', () => {
  it('reports a flag without its value and an ENV without a value', () => {
    expect(linesOf('EK0005', ['FROM golang:1.23 AS build', 'FROM debian:12-slim', 'COPY --from build /out/app /app'])).toEqual([3]);
    expect(linesOf('EK0005', ['FROM debian:12-slim', 'ENV PATH'])).toEqual([2]);
    expect(linesOf('EK0005', ['FROM debian:12-slim', 'RUN --mount echo hi'])).toEqual([2]);
  });
  it('accepts valueless flags that need none, empty ENV values and the legacy ENV form', () => {
    expect(linesOf('EK0005', ['FROM debian:12-slim', 'COPY --link --from=build /a /a', 'COPY --link=false --parents a/b /c/'])).toEqual([]);
    expect(linesOf('EK0005', ['FROM debian:12-slim', 'ENV PATH=', 'ENV A="" B=1', 'ENV LANG C.UTF-8'])).toEqual([]);
  });
});
