import type { Rule } from '../../rule.js';
import { labelsOf } from './label-values.js';

// Docker's recommendation: lower-case reverse-DNS keys; com.docker.*, io.docker.* and org.dockerproject.* are reserved.
const RESERVED = /^(com\.docker\.|io\.docker\.|org\.dockerproject\.)/;

export function isValidLabelKey(key: string): boolean {
  return /^[a-z]([a-z0-9._/-]*[a-z0-9])?$/.test(key) && !RESERVED.test(key) && !/\.\.|--/.test(key);
}

export const dl3048: Rule = {
  code: 'DL3048',
  severity: 'style',
  category: 'maintainability',
  title: 'Invalid label key: use lower-case letters, digits, `.`, `-`, `_` and `/`, start with a letter, and avoid Docker\'s reserved namespaces',
  hadolint: true,
  check({ model, report }) {
    for (const { label } of labelsOf(model)) {
      if (!label.name.includes('$') && !isValidLabelKey(label.name)) report(label.range, `Invalid label key \`${label.name}\``);
    }
  },
};
