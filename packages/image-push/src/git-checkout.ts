import type { CommandRunner } from '@eks-kit/core';
import type { GitContext } from './git-context.js';

async function git(runner: CommandRunner, cwd: string, env: NodeJS.ProcessEnv, args: string[]): Promise<string | undefined> {
  try {
    const result = await runner.run('git', args, { cwd, env, allowFailure: true, timeoutMs: 5_000 });
    return result.exitCode === 0 ? result.stdout.trim() || undefined : undefined;
  } catch {
    return undefined; // git not installed: no context from it
  }
}

/**
 * The git context of a local checkout, for the CLI: HEAD's commit, the branch (or the tag HEAD
 * sits on when detached), and a web URL for the origin remote when it is on a known host form.
 */
export async function gitContextFromCheckout(runner: CommandRunner, cwd: string, env: NodeJS.ProcessEnv): Promise<GitContext> {
  const [sha, branch, tag, remote] = await Promise.all([
    git(runner, cwd, env, ['rev-parse', 'HEAD']),
    git(runner, cwd, env, ['symbolic-ref', '-q', 'HEAD']),
    git(runner, cwd, env, ['describe', '--tags', '--exact-match', 'HEAD']),
    git(runner, cwd, env, ['remote', 'get-url', 'origin']),
  ]);
  const ref = branch ?? (tag ? `refs/tags/${tag}` : undefined);
  const source = remote ? webUrl(remote) : undefined;
  return {
    ...(sha ? { sha } : {}),
    ...(ref ? { ref } : {}),
    ...(source ? { sourceUrl: source.url, repository: source.repository } : {}),
  };
}

/** `git@github.com:acme/shop.git` or `https://github.com/acme/shop.git` → https://github.com/acme/shop; credentials dropped. */
export function webUrl(remote: string): { url: string; repository: string } | undefined {
  const ssh = /^(?:ssh:\/\/)?git@([^:/]+)[:/](.+?)(?:\.git)?\/?$/.exec(remote);
  if (ssh) return { url: `https://${ssh[1]}/${ssh[2]}`, repository: ssh[2] ?? '' };
  try {
    const url = new URL(remote);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    const repository = url.pathname.replace(/^\/+/, '').replace(/\.git\/?$/, '').replace(/\/+$/, '');
    return { url: `https://${url.host}/${repository}`, repository };
  } catch {
    return undefined;
  }
}
