import type { Rule } from '../rule.js';
import { compareCodes } from '../types.js';
import { buildkitRules } from './buildkit/index.js';
import { eksRules } from './eks.js';
import { hadolintRules } from './hadolint.js';

/**
 * Every rule, in code order. A new rule goes into hadolint.ts, eks.ts or buildkit/index.ts and
 * gets a page in docs/rules/.
 */
export const allRules: readonly Rule[] = [...hadolintRules, ...eksRules, ...buildkitRules].sort((a, b) => compareCodes(a.code, b.code));

export function ruleByCode(code: string): Rule | undefined {
  return allRules.find((rule) => rule.code === code);
}
