import type { Rule } from '../rule.js';
import { dl3006 } from './base-image/dl3006-tag-image.js';
import { dl3007 } from './base-image/dl3007-latest.js';
import { dl3059 } from './layers/dl3059-consecutive-run.js';

/** Every rule, in code order. Add a rule here and a page in docs/rules/. */
export const allRules: readonly Rule[] = [dl3006, dl3007, dl3059].sort((a, b) => a.code.localeCompare(b.code));

export function ruleByCode(code: string): Rule | undefined {
  return allRules.find((rule) => rule.code === code);
}
