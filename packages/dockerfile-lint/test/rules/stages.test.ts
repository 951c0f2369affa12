import { describe, expect, it } from '@jest/globals';
import { linesOf } from '../helpers.js';

describe('DL3022 COPY --from an earlier stage', () => {
  it('fires on an undefined name', () => {
    expect(linesOf('DL3022', ['FROM debian:12', 'COPY --from=builder /out /out'])).toEqual([2]);
  });
  it('fires on a stage defined later', () => {
    expect(linesOf('DL3022', ['FROM debian:12', 'COPY --from=later /out /out', 'FROM debian:12 AS later'])).toEqual([2]);
  });
  it('accepts earlier aliases (any case), indexes, image references and ARG values', () => {
    const file = ['ARG TOOLS=ghcr.io/org/tools:1', 'FROM golang:1.23 AS Build', 'FROM debian:12', 'COPY --from=build /a /a', 'COPY --from=0 /b /b', 'COPY --from=nginx:1.27 /c /c', 'COPY --from=${TOOLS} /d /d'];
    expect(linesOf('DL3022', file)).toEqual([]);
  });
});

describe('DL3023 COPY --from its own stage', () => {
  it('fires on a reference to the current stage', () => {
    expect(linesOf('DL3023', ['FROM debian:12 AS app', 'COPY --from=app /a /b'])).toEqual([2]);
  });
  it('accepts other stages', () => {
    expect(linesOf('DL3023', ['FROM debian:12 AS build', 'FROM debian:12 AS app', 'COPY --from=build /a /b'])).toEqual([]);
  });
});

describe('DL3024 unique stage names', () => {
  it('fires on the second use of a name, ignoring case', () => {
    expect(linesOf('DL3024', ['FROM a:1 AS build', 'FROM b:1 AS BUILD'])).toEqual([2]);
  });
  it('accepts distinct names', () => {
    expect(linesOf('DL3024', ['FROM a:1 AS build', 'FROM b:1 AS test', 'FROM build'])).toEqual([]);
  });
});

describe('DL3063 reserved stage names', () => {
  it('fires on scratch and context', () => {
    expect(linesOf('DL3063', ['FROM debian:12 AS context', 'FROM debian:12 AS scratch'])).toEqual([1, 2]);
  });
  it('accepts other names and FROM scratch', () => {
    expect(linesOf('DL3063', ['FROM scratch AS base', 'FROM base'])).toEqual([]);
  });
});

describe('DL3067 copying a whole filesystem', () => {
  it('fires on COPY --from=stage / /', () => {
    expect(linesOf('DL3067', ['FROM debian:12 AS build', 'FROM scratch', 'COPY --from=build / /'])).toEqual([3]);
  });
  it('accepts copying a directory', () => {
    expect(linesOf('DL3067', ['FROM debian:12 AS build', 'FROM scratch', 'COPY --from=build /out/ /', 'COPY / /src/'])).toEqual([]);
  });
  it('accepts the documented use of tonistiigi/xx and a stage built from scratch', () => {
    expect(linesOf('DL3067', ['FROM --platform=$BUILDPLATFORM tonistiigi/xx:1.4 AS xx', 'FROM --platform=$BUILDPLATFORM golang:1.22-alpine', 'COPY --link --from=xx / /'])).toEqual([]);
    expect(linesOf('DL3067', ['FROM golang:1.22-alpine', 'COPY --from=docker.io/tonistiigi/xx / /'])).toEqual([]);
    expect(linesOf('DL3067', ['FROM scratch AS assets', 'COPY static/ /static/', 'FROM nginx:1.27', 'COPY --from=assets / /'])).toEqual([]);
  });
  it('still fires on an image or an indexed stage that holds an OS', () => {
    expect(linesOf('DL3067', ['FROM alpine:3.20', 'COPY --from=debian:12 / /'])).toEqual([2]);
    expect(linesOf('DL3067', ['FROM debian:12', 'FROM scratch', 'COPY --from=0 / /'])).toEqual([3]);
  });
});
