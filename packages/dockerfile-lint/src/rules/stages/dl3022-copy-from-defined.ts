import { stageNamed } from '../../model/stages.js';
import type { Rule } from '../../rule.js';
import { copyFrom, looksLikeImage } from './copy-from.js';

/**
 * `COPY --from=name` with no earlier stage called `name` pulls an image of that name instead,
 * which is rarely what was meant. References that are clearly images (`nginx:1.27`,
 * `ghcr.io/org/tool`) or come from an ARG (`--from=$TOOLS`) are fine.
 */
export const dl3022: Rule = {
  code: 'DL3022',
  severity: 'warning',
  category: 'correctness',
  title: '`COPY --from` should reference a previously defined `FROM` alias',
  hadolint: true,
  check({ model, report }) {
    for (const stage of model.stages) {
      for (const instruction of stage.instructions) {
        const from = copyFrom(instruction);
        if (from === undefined || looksLikeImage(from)) continue;
        if (!stageNamed(model, from, stage.index) && !stageNamed(model, from, stage.index + 1)) {
          report(instruction, `\`COPY --from=${from}\` names no earlier stage: define \`FROM … AS ${from}\` above, or use a full image reference`);
        }
      }
    }
  },
};
