import { describe, expect, it } from '@jest/globals';
import { baseBranchTag, classifyRef, computeTags, gitContextOf, imageVersion, ociLabels, parseLabels, parseTag, sanitizeTag, semverTags, TAG_PATTERN, type TagOptions } from '../src/index.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const DEFAULTS: TagOptions = { sha: 'short', branch: true, semver: true, pullRequest: true, latest: false, extra: [] };

describe('tags from the git context', () => {
  it('a branch build: short SHA and the sanitised branch', () => {
    expect(computeTags({ sha: SHA, ref: 'refs/heads/feature/Login Page' }, DEFAULTS)).toEqual(['0123456', 'feature-Login-Page']);
  });

  it('sha short, long, both or none', () => {
    expect(computeTags({ sha: SHA }, { ...DEFAULTS, sha: 'long' })).toEqual([SHA]);
    expect(computeTags({ sha: SHA }, { ...DEFAULTS, sha: 'both' })).toEqual(['0123456', SHA]);
    expect(computeTags({ sha: SHA }, { ...DEFAULTS, sha: 'none' })).toEqual([]);
    expect(computeTags({ sha: 'not-a-sha' }, DEFAULTS)).toEqual([]);
  });

  it('a release tag v1.2.3 gives 1.2.3, 1.2 and 1; pre-releases and 0.x do not claim the short tags', () => {
    expect(computeTags({ sha: SHA, ref: 'refs/tags/v1.2.3' }, DEFAULTS)).toEqual(['0123456', '1.2.3', '1.2', '1']);
    expect(semverTags('v1.2.3-rc.1')).toEqual(['1.2.3-rc.1']);
    expect(semverTags('1.2.3+build.5')).toEqual(['1.2.3', '1.2', '1']);
    expect(semverTags('v0.4.1')).toEqual(['0.4.1', '0.4']);
    expect(semverTags('release-7')).toBeUndefined();
    expect(computeTags({ ref: 'refs/tags/release/7' }, DEFAULTS)).toEqual(['release-7']);
    expect(computeTags({ ref: 'refs/tags/v1.2.3' }, { ...DEFAULTS, semver: false })).toEqual([]);
  });

  it('a pull request: pr-<number>, and no branch tag', () => {
    expect(computeTags({ sha: SHA, ref: 'refs/pull/42/merge' }, DEFAULTS)).toEqual(['0123456', 'pr-42']);
    expect(computeTags({ sha: SHA, ref: 'refs/pull/42/merge' }, { ...DEFAULTS, pullRequest: false })).toEqual(['0123456']);
  });

  it('latest only when asked; extra tags last; no duplicates', () => {
    expect(computeTags({ sha: SHA, ref: 'refs/heads/main' }, DEFAULTS)).not.toContain('latest');
    expect(computeTags({ sha: SHA, ref: 'refs/heads/main' }, { ...DEFAULTS, latest: true, extra: ['main', 'stable'] })).toEqual(['0123456', 'main', 'latest', 'stable']);
  });

  it('classifies refs', () => {
    expect(classifyRef('refs/heads/a/b')).toEqual({ kind: 'branch', name: 'a/b' });
    expect(classifyRef('refs/pull/7/head')).toEqual({ kind: 'pull', number: 7 });
    expect(classifyRef('refs/remotes/x')).toEqual({ kind: 'other' });
    expect(classifyRef(undefined)).toEqual({ kind: 'other' });
  });

  it('the base branch tag only on a pull request, sanitised as build-push tags that branch', () => {
    expect(baseBranchTag(gitContextOf({ sha: SHA, ref: 'refs/pull/7/merge', baseRef: 'release/1.x' }))).toBe('release-1.x');
    expect(baseBranchTag(gitContextOf({ sha: SHA, ref: 'refs/heads/main', baseRef: 'main' }))).toBeUndefined();
    expect(baseBranchTag(gitContextOf({ sha: SHA, ref: 'refs/pull/7/merge', baseRef: '' }))).toBeUndefined();
  });
});

describe('sanitising to what registries accept', () => {
  it.each([
    ['feature/login', 'feature-login'],
    ['dependabot/npm_and_yarn/@types/node-20.1', 'dependabot-npm_and_yarn-types-node-20.1'],
    ['.hidden', 'hidden'],
    ['--x--', 'x'],
    ['ümlaut branch', 'mlaut-branch'],
    ['a'.repeat(200), 'a'.repeat(128)],
    ['///', ''],
  ])('%s → %s', (input, expected) => {
    const tag = sanitizeTag(input);
    expect(tag).toBe(expected);
    if (tag) expect(TAG_PATTERN.test(tag)).toBe(true);
  });

  it('tags typed by the user are refused, not changed', () => {
    expect(parseTag('v1_2.3-x', 'tags')).toBe('v1_2.3-x');
    expect(() => parseTag('-bad', 'tags')).toThrow('tags: "-bad" is not a valid tag; tags are 1 to 128 letters, digits, _ . and -, not starting with . or -');
    expect(() => parseTag('a:b', 'tags')).toThrow(/not a valid tag/);
    expect(() => parseTag('x'.repeat(129), 'tags')).toThrow(/not a valid tag/);
  });
});

describe('OCI labels', () => {
  const git = gitContextOf({ sha: SHA, ref: 'refs/tags/v2.0.1', repository: 'acme/shop', serverUrl: 'https://github.example.com/' });

  it('fills source, revision, created, version and title from the git context', () => {
    expect(ociLabels({ ...git, commitTime: '2026-01-02T03:04:05.000Z' }, { now: new Date('2026-05-05T00:00:00Z') })).toEqual({
      'org.opencontainers.image.source': 'https://github.example.com/acme/shop',
      'org.opencontainers.image.revision': SHA,
      'org.opencontainers.image.created': '2026-01-02T03:04:05.000Z',
      'org.opencontainers.image.version': '2.0.1',
      'org.opencontainers.image.title': 'shop',
    });
  });

  it('created falls back to the build time when the commit time is unknown', () => {
    expect(ociLabels({}, { now: new Date('2026-05-05T00:00:00Z') })).toEqual({ 'org.opencontainers.image.created': '2026-05-05T00:00:00.000Z' });
  });

  it('version: semver, PR, branch, else short SHA', () => {
    expect(imageVersion({ ref: 'refs/pull/3/merge' })).toBe('pr-3');
    expect(imageVersion({ ref: 'refs/heads/release/x' })).toBe('release-x');
    expect(imageVersion({ sha: SHA })).toBe('0123456');
  });

  it('parses key=value labels and names the bad one', () => {
    expect(parseLabels(['team=payments', 'com.acme.cost-centre = 42', 'empty='], 'labels')).toEqual({ team: 'payments', 'com.acme.cost-centre': '42', empty: '' });
    expect(() => parseLabels(['no-equals'], 'labels')).toThrow('labels: "no-equals" is not a label; expected key=value with a key of letters, digits, . _ / -');
    expect(() => parseLabels(['bad key=1'], 'labels')).toThrow(/"bad key=1" is not a label/);
    expect(() => parseLabels(['=1'], 'labels')).toThrow(/is not a label/);
  });
});
