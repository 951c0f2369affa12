import { copyPaths } from '../../model/copy-paths.js';
import type { Instruction, Stage } from '../../model/dockerfile.js';
import { stageNamed } from '../../model/stages.js';
import type { Rule } from '../../rule.js';

function isAbsolute(dest: string): boolean {
  return dest.startsWith('/') || dest.startsWith('$') || /^[A-Za-z]:/.test(dest);
}

/** A relative COPY destination lands wherever the base image's WORKDIR happens to be. */
export const dl3045: Rule = {
  code: 'DL3045',
  severity: 'warning',
  category: 'correctness',
  title: '`COPY` to a relative destination without `WORKDIR` set',
  hadolint: true,
  check({ model, report }) {
    const workdirSet = new Map<Stage, boolean>();
    for (const stage of model.stages) {
      const base = stage.base.isStage ? stageNamed(model, stage.base.resolved, stage.index) : undefined;
      let hasWorkdir = (base && workdirSet.get(base)) ?? false;
      for (const instruction of stage.instructions) {
        if (instruction.keyword === 'WORKDIR') hasWorkdir = true;
        if (instruction.keyword === 'COPY' && !hasWorkdir && isRelative(instruction)) report(instruction);
      }
      workdirSet.set(stage, hasWorkdir);
    }
  },
};

function isRelative(instruction: Instruction): boolean {
  const { dest } = copyPaths(instruction);
  return dest !== undefined && !isAbsolute(dest);
}
