import { derived, derivedSlot } from '../model/derived.js';
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
export function runRule(
  meta: RuleMeta,
  check: (run: Instruction, at: Instruction, context: RuleContext) => RunVerdict,
  /** Programs the rule is about: RUNs that run none of them are skipped without calling `check`. */
  programs?: readonly string[],
): Rule {
  return {
    ...meta,
    check(context) {
      const runs = runsOf(context.model);
      for (let i = 0; i < runs.length; i++) {
        const { run, at, names } = runs[i]!;
        if (programs && !runsAny(names, programs)) continue;
        report(context, at, check(run, at, context));
      }
    },
  };
}

function runsAny(names: ReadonlySet<string>, programs: readonly string[]): boolean {
  for (const program of programs) if (names.has(program)) return true;
  return false;
}

export interface RunEntry {
  run: Instruction;
  at: Instruction;
  /** Programs the RUN runs, wrappers (`sudo`) included; `pip3`/`python3.12` also count as `pip`/`python`. */
  names: ReadonlySet<string>;
}

// Some thirty rules ask for every file.
const RUNS = derivedSlot();

/** The RUNs of a file, found once for all the rules that look at them. */
export function runsOf(model: DockerfileModel): RunEntry[] {
  return derived(model, RUNS, ({ instructions }) => {
    const runs: RunEntry[] = [];
    for (const at of instructions) {
      const run = runOf(at);
      if (run?.shell && run.shell.commands.length > 0) runs.push({ run, at, names: programNames(run) });
    }
    return runs;
  });
}

function programNames(run: Instruction): Set<string> {
  const names = new Set<string>();
  for (const command of run.shell?.commands ?? []) {
    const name = command.name;
    names.add(name);
    // The prefix test first: most names are neither, and a regex per command showed in profiles.
    if (name.startsWith('pip') && /^pip[0-9.]+$/.test(name)) names.add('pip');
    if (name.startsWith('python') && /^python[0-9.]+$/.test(name)) names.add('python');
    command.wrappers?.forEach((w) => names.add(w));
  }
  return names;
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
