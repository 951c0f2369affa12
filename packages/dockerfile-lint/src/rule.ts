import type { LintConfig } from './config.js';
import type { DockerfileModel, Instruction } from './model/dockerfile.js';
import type { RuleMeta, SourceRange } from './types.js';

export interface RuleContext {
  model: DockerfileModel;
  config: LintConfig;
  /** Report at an instruction (its whole range) or an exact range; `message` defaults to the rule's title. */
  report(at: Instruction | SourceRange, message?: string): void;
}

export interface Rule extends RuleMeta {
  check(context: RuleContext): void;
}

/** A rule that looks at one instruction at a time, which most rules do. */
export function instructionRule(
  meta: RuleMeta,
  check: (instruction: Instruction, context: RuleContext) => string | boolean | undefined | void,
): Rule {
  return {
    ...meta,
    check(context) {
      // By index: every rule made here shares this loop, whose call to `check` sees them all;
      // walked with an iterator it made an iterator result per instruction per rule.
      const instructions = context.model.instructions;
      for (let i = 0; i < instructions.length; i++) {
        const instruction = instructions[i]!;
        const verdict = check(instruction, context);
        if (verdict === true) context.report(instruction);
        else if (typeof verdict === 'string') context.report(instruction, verdict);
      }
    },
  };
}
