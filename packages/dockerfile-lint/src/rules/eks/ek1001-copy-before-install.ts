import type { Instruction } from '../../model/dockerfile.js';
import type { Rule } from '../../rule.js';
import { copiesWholeContext, copyText } from './context-copy.js';
import { commandText, dependencySteps, INSTALL_STEP, MANIFESTS, type Ecosystem } from './ecosystems.js';

/**
 * `COPY . .` before the dependency install: any edit to any file changes that COPY's cache key,
 * so the install below it re-runs and re-downloads everything. Steps of an ecosystem that was
 * already installed before the copy (manifest first, then `COPY . .`, then build) are fine.
 */
export const ek1001: Rule = {
  code: 'EK1001',
  severity: 'warning',
  category: 'cache',
  title: 'The whole build context is copied before the dependency install, so every source edit re-installs dependencies',
  check({ model, report }) {
    for (const stage of model.stages) {
      const installedBefore = new Set<Ecosystem>();
      let wholeCopy: Instruction | undefined;
      const reported = new Set<Ecosystem>();
      for (const instruction of stage.instructions) {
        if (!wholeCopy && copiesWholeContext(instruction)) {
          wholeCopy = instruction;
          continue;
        }
        if (instruction.keyword !== 'RUN') continue;
        for (const { ecosystem, command } of dependencySteps(instruction)) {
          if (!wholeCopy) {
            installedBefore.add(ecosystem);
            continue;
          }
          if (installedBefore.has(ecosystem) || reported.has(ecosystem)) continue;
          reported.add(ecosystem);
          report(
            wholeCopy,
            `\`${copyText(wholeCopy)}\` copies the whole build context before \`${commandText(command)}\` (line ${instruction.range.startLine}), ` +
              `so any source edit re-installs every dependency. Copy ${MANIFESTS[ecosystem]} first, run \`${INSTALL_STEP[ecosystem]}\`, then copy the rest.`,
          );
        }
      }
    }
  },
};
