import { readPragmas } from '../../pragmas.js';
import type { Rule } from '../../rule.js';

/** Off by default, as in hadolint: for teams that want every exception in `.hadolint.yaml`. */
export const dl1001: Rule = {
  code: 'DL1001',
  severity: 'style',
  category: 'maintainability',
  title: 'Please refrain from inline ignore pragmas (`# hadolint ignore=DLxxxx`); ignore rules in the config file',
  hadolint: true,
  offByDefault: true,
  check({ model, report }) {
    for (const line of readPragmas(model).inlineLines) {
      const text = model.lines[line - 1] ?? '';
      const start = text.indexOf('#') + 1;
      report({ startLine: line, startColumn: start, endLine: line, endColumn: text.trimEnd().length + 1 });
    }
  },
};
