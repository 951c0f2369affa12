import type { Rule } from '../../rule.js';
import { credentialKind } from './secrets.js';

/** A credential written into the Dockerfile is in the repository, the build log and the image. */
export const ek1012: Rule = {
  code: 'EK1012',
  severity: 'error',
  category: 'security',
  title: 'A credential is written in the Dockerfile',
  check({ model, report }) {
    for (const instruction of model.instructions) {
      const values = instruction.properties?.map((p) => ({ text: p.value ?? '', range: p.range })) ?? [{ text: instruction.args, range: instruction.range }];
      for (const { text, range } of values) {
        const kind = credentialKind(text);
        if (!kind) continue;
        report(range, `This ${instruction.keyword} contains what looks like ${kind}. Revoke it, remove it from the file and its history, and pass it at build time with \`RUN --mount=type=secret\`.`);
        break;
      }
    }
  },
};
