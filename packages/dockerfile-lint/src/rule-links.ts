import type { Rule } from './rule.js';
import { buildkitDocsUrl } from './rules/buildkit/names.js';
import { ruleByCode } from './rules/index.js';

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

export function isShellcheckCode(code: string): boolean {
  return /^SC\d{4}$/.test(code);
}

/**
 * Where a rule is documented: ShellCheck's wiki for SCxxxx, BuildKit's checks on Docker's site
 * (docs/rules/buildkit.md says how eks-kit reads each), DL rules in hadolint.md, EK rules on their
 * own page under `base`.
 */
export function helpUri(rule: Pick<Rule, 'code' | 'hadolint' | 'buildkit'>, base: string): string {
  if (isShellcheckCode(rule.code)) return `https://www.shellcheck.net/wiki/${rule.code}`;
  const root = base.endsWith('/') ? base : `${base}/`;
  if (rule.buildkit === rule.code) return buildkitDocsUrl(rule.code);
  return rule.hadolint ? `${root}hadolint.md#${rule.code.toLowerCase()}` : `${root}${rule.code}.md`;
}

/** The same for a finding's code (EK0001, EK0002 and ShellCheck's codes have no rule object). */
export function helpUriOf(code: string, base: string): string {
  return helpUri(ruleByCode(code) ?? { code }, base);
}
