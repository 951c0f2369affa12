import type { Rule } from '../../rule.js';
import { copyOperands } from './context-copy.js';
import { isCredentialFile } from './secrets.js';

/**
 * A file copied into a layer is in that layer for good: a later `rm` only hides it, and a
 * registry cache export (`--cache-to mode=max`) publishes builder stages too. A secret mount
 * exposes the file to one RUN and writes nothing.
 */
export const ek1004: Rule = {
  code: 'EK1004',
  severity: 'warning',
  category: 'security',
  title: 'A credential file is copied into a layer; mount it as a BuildKit secret instead',
  check({ model, report }) {
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') continue;
      if (instruction.flags.some((flag) => flag.name === 'from')) continue;
      const file = copyOperands(instruction).sources.find(isCredentialFile);
      if (!file) continue;
      const name = file.replace(/\/+$/, '').replace(/^.*\//, '');
      const id = name.replace(/^\./, '').replace(/[^A-Za-z0-9_-]/g, '_');
      report(
        instruction,
        `${instruction.keyword} ${file} puts a credential file into a layer, where it stays even if a later RUN deletes it. Mount it only where it is needed: \`RUN --mount=type=secret,id=${id},target=/root/${name} …\` with \`docker build --secret id=${id},src=${file}\`.`,
      );
    }
  },
};
