import type { Rule } from '../../rule.js';
import { buildkitMeta } from './meta.js';

/**
 * An empty line inside an instruction continued with `\` (or the `# escape=` character).
 * BuildKit skips it today and will refuse it in a future release. Comment lines are not empty;
 * heredoc bodies are not continuations.
 */
export const noEmptyContinuation: Rule = {
  ...buildkitMeta('NoEmptyContinuation', 'warning', 'correctness', 'Empty continuation lines will become errors in a future BuildKit release'),
  check({ model, report }) {
    const escape = model.directives.escape === '`' ? '`' : '\\';
    for (const instruction of model.instructions) {
      const { startLine, endLine } = instruction.range;
      if (startLine === endLine) continue;
      const heredocStart = instruction.heredocs?.[0]?.startLine ?? Infinity;
      let continued = false;
      for (let line = startLine; line <= endLine && line < heredocStart; line++) {
        const text = (model.lines[line - 1] ?? '').trimEnd();
        if (text.trim() === '') {
          if (continued) {
            report({ startLine: line, startColumn: 1, endLine: line, endColumn: 1 }, `Empty continuation line in ${instruction.keyword}: remove it, or put a comment there`);
            break;
          }
          continue;
        }
        if (/^\s*#/.test(text) && line !== startLine) continue;
        continued = text.endsWith(escape);
      }
    }
  },
};
