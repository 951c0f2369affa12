import { instructionRule } from '../../rule.js';
import { buildkitMeta } from './meta.js';

/**
 * `ENV key value` and `LABEL key value`, the legacy form with a space for `=`. BuildKit looks at
 * ENV and LABEL only: `ARG a b` declares two arguments, not one with a value.
 */
export const legacyKeyValueFormat = instructionRule(
  buildkitMeta('LegacyKeyValueFormat', 'warning', 'maintainability', 'Legacy `key value` format: write `key=value`'),
  (instruction) => {
    if (instruction.keyword !== 'ENV' && instruction.keyword !== 'LABEL') return;
    const [first, ...rest] = instruction.words;
    if (first === undefined || rest.length === 0 || first.includes('=')) return;
    return `\`${instruction.keyword} ${first}=value\` should be used instead of the legacy \`${instruction.keyword} ${first} value\` format`;
  },
);
