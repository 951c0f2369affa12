import type { DockerfileModel, Instruction } from '../model/dockerfile.js';
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
      for (const { run, at } of runsOf(context.model)) report(context, at, check(run, at, context));
    },
  };
}

const runsByModel = new WeakMap<DockerfileModel, { run: Instruction; at: Instruction }[]>();

/** The RUNs of a file, found once for all the rules that look at them. */
export function runsOf(model: DockerfileModel): { run: Instruction; at: Instruction }[] {
  let runs = runsByModel.get(model);
  if (!runs) {
    runs = [];
    for (const at of model.instructions) {
      const run = runOf(at);
      if (run?.shell && run.shell.commands.length > 0) runs.push({ run, at });
    }
    runsByModel.set(model, runs);
  }
  return runs;
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
