import type { Rule } from '../../rule.js';
import { labelsOf } from './label-values.js';

export const dl3051: Rule = {
  code: 'DL3051',
  severity: 'warning',
  category: 'maintainability',
  title: 'A label required by label-schema is empty',
  hadolint: true,
  check({ model, config, report }) {
    for (const { label } of labelsOf(model)) {
      if (label.name in config.labelSchema && (label.value ?? '') === '') report(label.range, `Label \`${label.name}\` is empty`);
    }
  },
};
