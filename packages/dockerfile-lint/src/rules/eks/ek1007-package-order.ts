import type { Rule } from '../../rule.js';
import { listsOutOfOrder, packageLists } from './package-lists.js';

/** Sorted lists make duplicates and mistakes easy to see and keep diffs to one line. */
export const ek1007: Rule = {
  code: 'EK1007',
  severity: 'style',
  category: 'maintainability',
  title: 'Packages of a multi-line install list are not in alphabetical order',
  check({ model, report }) {
    for (const instruction of model.instructions) {
      // Packages on one line cannot make a multi-line list (the range covers heredoc bodies too).
      if (instruction.keyword !== 'RUN' || instruction.range.startLine === instruction.range.endLine || !listsOutOfOrder(instruction)) continue;
      for (const list of packageLists(instruction)) {
        if (!list.multiLine) continue;
        for (let i = 1; i < list.packages.length; i++) {
          const previous = list.packages[i - 1];
          const current = list.packages[i];
          if (!previous || !current || current.key >= previous.key) continue;
          report(
            current.range ?? instruction,
            `\`${current.word}\` comes after \`${previous.word}\` in this ${list.install.manager} list: sort the packages alphabetically, one per line, so duplicates stand out and diffs stay small.`,
          );
          break;
        }
      }
    }
  },
};
