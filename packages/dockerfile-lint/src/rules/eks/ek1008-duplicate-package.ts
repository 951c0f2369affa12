import type { Rule } from '../../rule.js';
import { listsAPackageTwice, packageLists } from './package-lists.js';

export const ek1008: Rule = {
  code: 'EK1008',
  severity: 'info',
  category: 'maintainability',
  title: 'A package is listed twice in one install command',
  check({ model, report }) {
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'RUN' || !listsAPackageTwice(instruction)) continue;
      for (const list of packageLists(instruction)) {
        const seen = new Map<string, string>();
        for (const pkg of list.packages) {
          const first = seen.get(pkg.key);
          if (first === undefined) {
            seen.set(pkg.key, pkg.word);
            continue;
          }
          const versions = first !== pkg.word ? ` (as \`${first}\` and \`${pkg.word}\`: which version is meant?)` : '';
          report(pkg.range ?? instruction, `\`${pkg.key}\` is listed twice in this ${list.install.manager} install${versions}. Remove the duplicate.`);
        }
      }
    }
  },
};
