import { describe, expect, it } from '@jest/globals';
import type { LabelType } from '../../src/config.js';
import { lint, linesOf } from '../helpers.js';

const FROM = 'FROM debian:12';
const labelSchema: Record<string, LabelType> = {
  'org.opencontainers.image.source': 'url',
  'org.opencontainers.image.created': 'rfc3339',
  'org.opencontainers.image.licenses': 'spdx',
  'org.opencontainers.image.revision': 'hash',
  'org.opencontainers.image.version': 'semver',
  'org.opencontainers.image.authors': 'email',
  'org.opencontainers.image.title': 'text',
};
const config = { labelSchema };

describe('DL3048 label keys', () => {
  it('fires on invalid keys, at the pair', () => {
    const [finding] = lint([FROM, 'LABEL ok=1 Bad.Key=2']).filter((f) => f.code === 'DL3048');
    expect(finding?.range).toMatchObject({ startLine: 2, startColumn: 12 });
    expect(linesOf('DL3048', [FROM, 'LABEL com.docker.x=1'])).toEqual([2]);
    expect(linesOf('DL3048', [FROM, 'LABEL a..b=1'])).toEqual([2]);
  });
  it('accepts reverse-DNS keys, quoted or not', () => {
    expect(linesOf('DL3048', [FROM, 'LABEL org.opencontainers.image.title="app" "com.example.team"=web maintainer=me'])).toEqual([]);
  });
});

describe('DL3049 missing labels', () => {
  it('fires on an image stage without the label', () => {
    expect(linesOf('DL3049', [FROM, 'LABEL org.opencontainers.image.title=x'], { config: { labelSchema: { 'org.opencontainers.image.title': 'text', owner: 'text' } } })).toEqual([1]);
  });
  it('accepts labels inherited from the base stage, and skips stages only copied from', () => {
    const schema = { labelSchema: { owner: 'text' as LabelType } };
    expect(linesOf('DL3049', ['FROM debian:12 AS base', 'LABEL owner=team', 'FROM base'], { config: schema })).toEqual([]);
    expect(linesOf('DL3049', ['FROM golang:1.23 AS build', 'FROM debian:12', 'LABEL owner=team', 'COPY --from=build /a /a'], { config: schema })).toEqual([]);
  });
  it('does not report a parent stage when the stage built FROM it sets the label, and reports both when neither does', () => {
    const schema = { labelSchema: { owner: 'text' as LabelType } };
    expect(linesOf('DL3049', ['FROM debian:12 AS base', 'FROM base', 'LABEL owner=team'], { config: schema })).toEqual([]);
    expect(linesOf('DL3049', ['FROM debian:12 AS base', 'FROM base'], { config: schema })).toEqual([1, 2]);
  });
  it('is off without a label-schema', () => {
    expect(linesOf('DL3049', [FROM])).toEqual([]);
  });
});

describe('DL3050 superfluous labels (strict-labels)', () => {
  it('fires on a label outside the schema', () => {
    expect(linesOf('DL3050', [FROM, 'LABEL extra=1'], { config: { labelSchema, strictLabels: true } })).toEqual([2]);
  });
  it('does not fire without strict-labels or for schema labels', () => {
    expect(linesOf('DL3050', [FROM, 'LABEL extra=1'], { config })).toEqual([]);
    expect(linesOf('DL3050', [FROM, 'LABEL org.opencontainers.image.title=x'], { config: { labelSchema, strictLabels: true } })).toEqual([]);
  });
});

describe('DL3051 empty labels', () => {
  it('fires on an empty schema label', () => {
    expect(linesOf('DL3051', [FROM, 'LABEL org.opencontainers.image.title=""'], { config })).toEqual([2]);
  });
  it('accepts a value, and ignores labels outside the schema', () => {
    expect(linesOf('DL3051', [FROM, 'LABEL org.opencontainers.image.title=app other=""'], { config })).toEqual([]);
  });
});

describe('typed label values', () => {
  const cases: [string, string, string, string][] = [
    ['DL3052', 'org.opencontainers.image.source', 'github.com/org/app', 'https://github.com/org/app'],
    ['DL3053', 'org.opencontainers.image.created', '2024-13-01', '2024-05-01T12:00:00Z'],
    ['DL3054', 'org.opencontainers.image.licenses', 'MIT-ish', '"MIT OR Apache-2.0"'],
    ['DL3055', 'org.opencontainers.image.revision', 'abc', '0123456789abcdef0123456789abcdef01234567'],
    ['DL3056', 'org.opencontainers.image.version', 'v1.2', '1.2.3-rc.1+build.5'],
    ['DL3058', 'org.opencontainers.image.authors', 'team at example', 'team@example.com'],
  ];
  for (const [code, label, bad, good] of cases) {
    it(`${code} fires on ${bad} and accepts ${good}`, () => {
      expect(linesOf(code, [FROM, `LABEL ${label}="${bad}"`], { config })).toEqual([2]);
      expect(linesOf(code, [FROM, `LABEL ${label}=${good}`], { config })).toEqual([]);
    });
  }
  it('skip values that come from build args', () => {
    expect(linesOf('DL3055', [FROM, 'ARG GIT_SHA', 'LABEL org.opencontainers.image.revision=$GIT_SHA'], { config })).toEqual([]);
  });
});
