import type { Rule } from '../../rule.js';
import { buildkitMeta } from './meta.js';

/**
 * Experimental in BuildKit: the comment line directly above a named FROM or an ARG is taken for
 * its description (`docker build --call=outline`), so it should start with the stage or argument
 * name (a stage's in lower case, as BuildKit keeps stage names). A blank line or an empty `#`
 * between says the comment is not a description.
 */
export const invalidDefinitionDescription: Rule = {
  ...buildkitMeta('InvalidDefinitionDescription', 'style', 'maintainability', 'A comment directly above FROM … AS or ARG should start with the stage or argument name', { experimental: true }),
  check({ model, report }) {
    const comments = new Map(model.comments.map((c) => [c.line, c.text]));
    for (const instruction of model.instructions) {
      const names =
        instruction.keyword === 'FROM'
          ? instruction.words.length === 3
            ? [instruction.words[2]!.toLowerCase()]
            : []
          : instruction.keyword === 'ARG'
            ? (instruction.properties ?? []).map((p) => p.name)
            : [];
      const above = comments.get(instruction.range.startLine - 1);
      if (names.length === 0 || above === undefined || above.trim() === '' || /^\s*(?:check|syntax|escape)\s*=/i.test(above)) continue;
      if (names.includes(above.trim().split(' ')[0] ?? '')) continue;
      const example = names.length === 1 ? names[0] : '<arg_key>';
      report(instruction, `Comment for ${instruction.keyword} should follow the format \`# ${example} <description>\`, or be separated from it by an empty line`);
    }
  },
};
