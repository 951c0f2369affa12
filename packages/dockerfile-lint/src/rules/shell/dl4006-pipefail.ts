import type { Instruction, Stage } from '../../model/dockerfile.js';
import { stageNamed } from '../../model/stages.js';
import type { Rule } from '../../rule.js';
import { runOf } from '../run-rule.js';

const NON_POSIX = /^(pwsh|powershell|cmd)(\.exe)?$/i;

/** Whether a SHELL instruction makes pipes fail: `["/bin/bash", "-o", "pipefail", "-c"]`, or a non-POSIX shell. */
function shellIsSafe(shell: Instruction): boolean {
  const exec = shell.execForm ?? [];
  const program = (exec[0] ?? '').replace(/^.*[\\/]/, '');
  if (NON_POSIX.test(program)) return true;
  return /^(bash|zsh|ash|ksh|mksh)$/.test(program) && exec.some((a, i) => a === 'pipefail' && /^-[a-z]*o$/.test(exec[i - 1] ?? ''));
}

/** `set -o pipefail` (or `set -euo pipefail`) inside the script, as heredoc RUNs often do. */
function scriptSetsPipefail(run: Instruction): boolean {
  return (run.shell?.commands ?? []).some((c) => c.name === 'set' && c.args.includes('pipefail') && c.args.some((a) => /^-[a-z]*o[a-z]*$/.test(a)));
}

/**
 * In `a | b` the exit status is b's, so a failing download piped into a shell passes the build.
 * hadolint looks at SHELL only; a script that sets pipefail itself is safe too.
 */
export const dl4006: Rule = {
  code: 'DL4006',
  severity: 'warning',
  category: 'correctness',
  title: 'Set the SHELL option -o pipefail before a RUN with a pipe in it (or set -o pipefail in the script)',
  hadolint: true,
  check(context) {
    // SHELL carries over to stages built FROM this one.
    const safeAtEnd = new Map<Stage, boolean>();
    for (const stage of context.model.stages) {
      const base = stage.base.isStage ? stageNamed(context.model, stage.base.resolved, stage.index) : undefined;
      let safe = (base && safeAtEnd.get(base)) ?? false;
      for (const at of stage.instructions) {
        if (at.keyword === 'SHELL') safe = shellIsSafe(at);
        const run = runOf(at);
        if (!run?.shell?.hasPipe || safe || scriptSetsPipefail(run)) continue;
        const execScript = run.execForm?.includes('pipefail') ?? false;
        if (!execScript) context.report(at);
      }
      safeAtEnd.set(stage, safe);
    }
  },
};
