import { describe, expect, it } from '@jest/globals';
import { lint, linesOf } from '../helpers.js';

/** A Dockerfile that uses today's syntax and follows the practices: no DL rule may complain. */
const modern = [
  '# syntax=docker/dockerfile:1.7-labs',
  '# check=skip=JSONArgsRecommended;error=true',
  'ARG BASE=node:20.18-slim',
  'FROM ${BASE} AS build',
  'WORKDIR /app',
  'COPY --link --chmod=644 --exclude=*.md --exclude=test/ package.json package-lock.json ./',
  'COPY --parents --link src/ ./',
  'RUN --mount=type=cache,target=/root/.npm npm ci',
  'RUN --mount=type=secret,id=npmrc,target=/root/.npmrc --mount=type=bind,source=.,target=/src <<EOF',
  '#!/usr/bin/env bash',
  'set -euo pipefail',
  'npm run build | tee /tmp/build.log',
  'EOF',
  'FROM ${BASE}',
  'RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\',
  '    --mount=type=cache,target=/var/lib/apt,sharing=locked \\',
  '    apt-get update && apt-get install -y --no-install-recommends tini=0.19.0-1',
  'WORKDIR /app',
  'COPY --from=build --chown=10001:10001 /app/dist ./dist',
  'USER 10001',
  'ENTRYPOINT ["tini", "--"]',
  'CMD ["node", "dist/server.js"]',
];

describe('modern Dockerfile syntax', () => {
  it('heredocs, mounts, COPY --link/--chmod/--exclude/--parents, directives and ARG-valued images raise no DL finding', () => {
    expect(lint(modern).filter((f) => f.code.startsWith('DL'))).toEqual([]);
  });
  it('the same file with mistakes in its heredoc and mounts is still checked', () => {
    const worse = modern
      .map((line) => line.replace('npm run build | tee', 'npm install -g typescript && npm run build | tee'))
      .map((line) => line.replace('set -euo pipefail', 'set -eu'))
      .map((line) => line.replace('target=/var/lib/apt,', 'target=/var/tmp/apt,'));
    const codes = lint(worse).map((f) => `${f.code}@${f.range.startLine}`);
    expect(codes).toEqual(expect.arrayContaining(['DL3016@12', 'DL4006@9', 'DL3009@15']));
  });
});

describe('ONBUILD RUN with flags', () => {
  it('reads the mounts of the trigger as flags, not as its program', () => {
    expect(linesOf('DL3019', ['FROM alpine:3.20', 'ONBUILD RUN --mount=type=cache,target=/var/cache/apk apk add curl=8.9.1-r0'])).toEqual([]);
    expect(linesOf('DL3019', ['FROM alpine:3.20', 'ONBUILD RUN --mount=type=cache,target=/var/cache/foo apk add curl=8.9.1-r0'])).toEqual([2]);
    expect(linesOf('DL3042', ['FROM python:3.12', 'ONBUILD RUN --mount=type=cache,target=/root/.cache/pip pip install flask==3.0.3'])).toEqual([]);
  });
});
