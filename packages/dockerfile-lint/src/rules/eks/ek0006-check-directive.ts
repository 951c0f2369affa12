import { fileCheckOptions } from '../../check-directive.js';
import type { Rule } from '../../rule.js';

/** A `# check=` directive BuildKit refuses stops the build before it starts; say so on the pull request. */
export const ek0006: Rule = {
  code: 'EK0006',
  severity: 'error',
  category: 'correctness',
  title: 'A `# check=` parser directive BuildKit refuses',
  check({ model, report }) {
    const { problem } = fileCheckOptions(model);
    if (problem) report({ startLine: problem.line, startColumn: 1, endLine: problem.line, endColumn: (model.lines[problem.line - 1]?.length ?? 0) + 1 }, problem.message);
  },
};
