import { describe, expect, it } from '@jest/globals';
import { lint, linesOf } from '../helpers.js';

const FROM = 'FROM alpine:3.20';

describe('DL3018 pin apk packages', () => {
  it('reports the unpinned package', () => {
    const findings = lint([FROM, 'RUN apk add --no-cache curl=8.9.0-r0 git']).filter((f) => f.code === 'DL3018');
    expect(findings.map((f) => f.range.startColumn)).toEqual([38]);
  });
  it('accepts =, ~, version ranges, .apk files, and skips --virtual names', () => {
    expect(linesOf('DL3018', [FROM, 'RUN apk add --no-cache --virtual .build-deps curl~8.9 "git>2" ./x.apk'])).toEqual([]);
  });
  it('reads on past an empty or blank continuation line, as BuildKit does, and names only packages', () => {
    for (const blank of ['', '  ', '\t']) {
      const findings = lint([FROM, 'RUN apk add --no-cache \\', '    curl \\', blank, '    git']).filter((f) => f.code === 'DL3018');
      expect(findings.map((f) => [f.range.startLine, f.message.match(/`([^`]*)`/)?.[1]])).toEqual([
        [3, 'curl'],
        [5, 'git'],
      ]);
    }
  });
});

describe('DL3019 apk --no-cache', () => {
  it('fires without --no-cache', () => {
    expect(linesOf('DL3019', [FROM, 'RUN apk update && apk add curl=1'])).toEqual([2]);
  });
  it('accepts --no-cache', () => {
    expect(linesOf('DL3019', [FROM, 'RUN apk add --no-cache curl=1'])).toEqual([]);
  });
  it('accepts a cache mount on the apk cache', () => {
    expect(linesOf('DL3019', [FROM, 'RUN --mount=type=cache,target=/var/cache/apk apk add curl=1'])).toEqual([]);
    expect(linesOf('DL3019', [FROM, 'RUN --mount=type=cache,target=/etc/apk/cache apk add curl=1'])).toEqual([]);
  });
});
