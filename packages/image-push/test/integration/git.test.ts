import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ProcessRunner } from '@eks-kit/core';
import { commitTime, gitContextFromCheckout, webUrl } from '../../src/index.js';

describe('git context of a local checkout', () => {
  it('web URLs from remotes, with credentials dropped', () => {
    expect(webUrl('git@github.com:acme/shop.git')).toEqual({ url: 'https://github.com/acme/shop', repository: 'acme/shop' });
    expect(webUrl('ssh://git@github.example.com/acme/shop')).toEqual({ url: 'https://github.example.com/acme/shop', repository: 'acme/shop' });
    expect(webUrl('https://x-access-token:ghs_secret@github.com/acme/shop.git')).toEqual({ url: 'https://github.com/acme/shop', repository: 'acme/shop' });
    expect(webUrl('/local/path')).toBeUndefined();
  });

  it('reads HEAD, the branch or the tag HEAD sits on, the origin and the commit time', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'eks-kit-git-'));
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_COMMITTER_DATE: '2026-03-04T05:06:07Z' } }).trim();
    writeFileSync(path.join(dir, 'a'), 'a');
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'a');
    git('remote', 'add', 'origin', 'git@github.com:acme/shop.git');
    const sha = git('rev-parse', 'HEAD');
    const runner = new ProcessRunner();
    expect(await gitContextFromCheckout(runner, dir, process.env)).toEqual({ sha, ref: 'refs/heads/main', sourceUrl: 'https://github.com/acme/shop', repository: 'acme/shop' });
    git('tag', 'v1.2.3');
    git('checkout', '-q', '--detach');
    expect((await gitContextFromCheckout(runner, dir, process.env)).ref).toBe('refs/tags/v1.2.3');
    expect(await commitTime(runner, dir, process.env, sha)).toBe('2026-03-04T05:06:07.000Z');
    expect(await commitTime(runner, dir, { SOURCE_DATE_EPOCH: '0' }, sha)).toBe('1970-01-01T00:00:00.000Z');
    expect(await commitTime(runner, tmpdir(), process.env, sha)).toBeUndefined();
  });
});
