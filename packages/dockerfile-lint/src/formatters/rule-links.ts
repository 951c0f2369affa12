import { ruleByCode } from '../rules/index.js';

const DEFAULT_REPOSITORY = 'org/eks-kit';

/**
 * Where rule pages live: the repository and ref the workflow took the action from
 * (GITHUB_ACTION_REPOSITORY, GITHUB_ACTION_REF), so a pinned SHA or a fork links its own docs;
 * outside an action reference (a local `uses: ./`, the CLI), the published repository at the major tag.
 */
export function ruleDocsBase(env: Record<string, string | undefined>, version: string): string {
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  const repository = env.GITHUB_ACTION_REPOSITORY || DEFAULT_REPOSITORY;
  const ref = env.GITHUB_ACTION_REPOSITORY && env.GITHUB_ACTION_REF ? env.GITHUB_ACTION_REF : `v${version.split('.')[0] ?? '1'}`;
  return `${server}/${repository}/blob/${ref.split('/').map(encodeURIComponent).join('/')}/docs/rules/`;
}

/** A rule's page: ShellCheck's wiki for SCxxxx, the hadolint-compatible catalogue, or the rule's own page. */
export function ruleHelpUrl(code: string, docsBase: string): string {
  if (isShellcheckCode(code)) return `https://www.shellcheck.net/wiki/${code}`;
  const root = docsBase.endsWith('/') ? docsBase : `${docsBase}/`;
  return ruleByCode(code)?.hadolint ? `${root}hadolint.md#${code.toLowerCase()}` : `${root}${code}.md`;
}

export function isShellcheckCode(code: string): boolean {
  return /^SC\d{4}$/.test(code);
}
