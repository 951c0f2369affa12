import type { Rule } from '../../rule.js';
import { labelsOf } from './label-values.js';

export const dl3050: Rule = {
  code: 'DL3050',
  severity: 'info',
  category: 'maintainability',
  title: 'Superfluous label present: with strict-labels, only labels in label-schema are allowed',
  hadolint: true,
  check({ model, config, report }) {
    if (!config.strictLabels) return;
    for (const { label } of labelsOf(model)) {
      if (!(label.name in config.labelSchema)) report(label.range, `Label \`${label.name}\` is not in label-schema`);
    }
  },
};
