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
      const runs = programs ? runsRunning(context.model, programs) : runsOf(context.model);
      for (let i = 0; i < runs.length; i++) {
        const { run, at } = runs[i]!;
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
  return derived(model, RUNS, findRuns);
}

function findRuns({ instructions }: DockerfileModel): RunEntry[] {
  const runs: RunEntry[] = [];
  for (const at of instructions) {
    const run = runOf(at);
    if (run?.shell && run.shell.commands.length > 0) runs.push({ run, at, names: programNames(run) });
  }
  return runs;
}

const BY_PROGRAM = derivedSlot();
const NONE: readonly RunEntry[] = [];

/**
 * The RUNs of a file that run any of `programs` (as `RunEntry.names` counts them), in file order.
 * Most files run few of the programs the RUN rules are about: an index by program, built once per
 * file, spares each rule a pass over every RUN.
 */
export function runsRunning(model: DockerfileModel, programs: readonly string[]): readonly RunEntry[] {
  const index = derived(model, BY_PROGRAM, indexByProgram);
  if (programs.length === 1) return index.get(programs[0]!) ?? NONE;
  if (!programs.some((program) => index.has(program))) return NONE;
  return runsOf(model).filter((entry) => runsAny(entry.names, programs));
}

function indexByProgram(model: DockerfileModel): Map<string, RunEntry[]> {
  const index = new Map<string, RunEntry[]>();
  for (const entry of runsOf(model)) {
    for (const name of entry.names) {
      const list = index.get(name);
      if (list) list.push(entry);
      else index.set(name, [entry]);
    }
  }
  return index;
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
