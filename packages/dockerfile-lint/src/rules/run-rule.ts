import type { Instruction } from '../model/dockerfile.js';
import type { Rule, RuleContext } from '../rule.js';
import type { RuleMeta, SourceRange } from '../types.js';

/** A rule's answer for one RUN: true (report at the RUN), a message, or exact places. */
export type RunVerdict = boolean | string | undefined | void | { range: SourceRange; message?: string }[];

/**
 * A rule about the shell commands of RUN, applied to `ONBUILD RUN` too, as hadolint does.
 * `run` carries the commands (for ONBUILD, the trigger); `at` is the instruction in the file,
 * whose words and position findings point at.
 */
export function runRule(meta: RuleMeta, check: (run: Instruction, at: Instruction, context: RuleContext) => RunVerdict): Rule {
  return {
    ...meta,
    check(context) {
      for (const instruction of context.model.instructions) {
        const run = runOf(instruction);
        if (!run) continue;
        report(context, instruction, check(run, instruction, context));
      }
    },
  };
}

/** The RUN an instruction runs: itself, or the RUN an ONBUILD carries. */
export function runOf(instruction: Instruction): Instruction | undefined {
  if (instruction.keyword === 'RUN') return instruction;
  if (instruction.keyword === 'ONBUILD' && instruction.onbuild?.keyword === 'RUN') return instruction.onbuild;
  return undefined;
}

export function report(context: RuleContext, at: Instruction, verdict: RunVerdict): void {
  if (verdict === true) context.report(at);
  else if (typeof verdict === 'string') context.report(at, verdict);
  else if (Array.isArray(verdict)) for (const finding of verdict) context.report(finding.range, finding.message);
}
