import { describe, expect, it } from '@jest/globals';
import { lint, linesOf } from '../helpers.js';

describe('EK1003 cleanup in a later layer than the install', () => {
  it.each([
    ['RUN apt-get update && apt-get install -y --no-install-recommends curl', 'RUN rm -rf /var/lib/apt/lists/*'],
    ['RUN apt-get update && apt-get install -y --no-install-recommends curl', 'RUN apt-get clean'],
    ['RUN yum install -y curl', 'RUN yum clean all'],
    ['RUN dnf install -y curl', 'RUN dnf clean all && rm -rf /var/cache/dnf'],
    ['RUN apk add curl', 'RUN rm -rf /var/cache/apk/*'],
    ['RUN pip install flask', 'RUN rm -rf /root/.cache'],
    ['RUN pip install flask', 'RUN pip cache purge'],
    ['RUN npm ci', 'RUN npm cache clean --force'],
    ['RUN npm ci', 'RUN rm -rf ~/.npm'],
  ])('reports `%s` followed by `%s` at the cleanup RUN', (install, cleanup) => {
    const findings = lint(['FROM base:1', install, 'COPY . .', cleanup]).filter((f) => f.code === 'EK1003');
    expect(findings.map((f) => f.range.startLine)).toEqual([4]);
    expect(findings[0]?.message).toContain('line 2');
  });
  it('reports packages removed in a later RUN, also an apk virtual group', () => {
    expect(linesOf('EK1003', ['FROM debian:12-slim', 'RUN apt-get install -y gcc make', 'RUN make', 'RUN apt-get purge -y --auto-remove gcc make'])).toEqual([4]);
    expect(linesOf('EK1003', ['FROM alpine:3.20', 'RUN apk add --no-cache --virtual .build-deps gcc musl-dev', 'RUN pip install --no-cache-dir uwsgi', 'RUN apk del .build-deps'])).toEqual([4]);
  });
  it('is quiet when cleanup is in the same RUN', () => {
    const file = ['FROM debian:12-slim', 'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*', 'RUN rm -rf /var/lib/apt/lists/*'];
    expect(linesOf('EK1003', file)).toEqual([]);
  });
  it('is quiet when the install used cache mounts over those directories', () => {
    const file = [
      'FROM debian:12-slim',
      'RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y curl',
      'RUN rm -rf /var/lib/apt/lists/* && apt-get clean',
    ];
    expect(linesOf('EK1003', file)).toEqual([]);
    expect(linesOf('EK1003', ['FROM python:3.12-slim', 'RUN --mount=type=tmpfs,target=/root/.cache pip install flask', 'RUN rm -rf /root/.cache'])).toEqual([]);
  });
  it('is quiet for a later RUN that cleans what it installed itself', () => {
    const file = ['FROM debian:12-slim', 'RUN apt-get update && apt-get install -y a', 'RUN apt-get update && apt-get install -y b && rm -rf /var/lib/apt/lists/*'];
    expect(linesOf('EK1003', file)).toEqual([]);
  });
  it('only looks at stages that ship', () => {
    const file = ['FROM debian:12 AS build', 'RUN apt-get update && apt-get install -y gcc', 'RUN rm -rf /var/lib/apt/lists/*', 'FROM debian:12-slim', 'COPY --from=build /x /x'];
    expect(linesOf('EK1003', file)).toEqual([]);
    const inherited = ['FROM debian:12-slim AS base', 'RUN apt-get update && apt-get install -y curl', 'FROM base', 'RUN rm -rf /var/lib/apt/lists/*'];
    expect(linesOf('EK1003', inherited)).toEqual([4]);
  });
  it('understands heredoc RUNs', () => {
    expect(linesOf('EK1003', ['FROM debian:12-slim', 'RUN <<EOF', 'apt-get update', 'apt-get install -y curl', 'EOF', 'RUN <<EOF', 'rm -rf /var/lib/apt/lists/*', 'EOF'])).toEqual([6]);
  });
});
