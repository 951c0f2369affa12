import type { Rule } from './rule.js';
import { buildkitDocsUrl } from './rules/buildkit/names.js';
import { ruleByCode } from './rules/index.js';

/**
 * Where a rule is documented: BuildKit's checks on Docker's site (docs/rules/buildkit.md says how
 * eks-kit reads each), DL rules in hadolint.md, EK rules on their own page under `base`.
 */
export function helpUri(rule: Pick<Rule, 'code' | 'hadolint' | 'buildkit'>, base: string): string {
  const root = base.endsWith('/') ? base : `${base}/`;
  if (rule.buildkit === rule.code) return buildkitDocsUrl(rule.code);
  return rule.hadolint ? `${root}hadolint.md#${rule.code.toLowerCase()}` : `${root}${rule.code}.md`;
}

/** The same for a finding's code (EK0001 and EK0002 come from the engine and have no rule object). */
export function helpUriOf(code: string, base: string): string {
  return helpUri(ruleByCode(code) ?? { code }, base);
}
