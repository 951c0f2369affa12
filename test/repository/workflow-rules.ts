import { parse } from 'yaml';
import type { ActionMetadata } from '../harness/action-metadata.js';

/**
 * The rules every example workflow keeps, as a function from a workflow's text to the problems
 * found, so the tests can show each rule catching a workflow that breaks it.
 */

interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, unknown>;
}
interface Job {
  permissions?: Record<string, string> | string;
  steps?: Step[];
}
interface Workflow {
  permissions?: Record<string, string> | string;
  jobs?: Record<string, Job>;
}

/** `owner/repo[/path]@<40 hex> # vX.Y.Z`: a full commit SHA, and the release it is, for people and Dependabot. */
const PINNED = /^[\w.-]+\/[\w.-]+(?:\/[\w./-]+)?@[0-9a-f]{40} # v\d+\.\d+\.\d+$/;
const EKS_KIT = /^[\w.-]+\/eks-kit\/([\w-]+)@([0-9a-f]{40})$/;
const AWS_CREDENTIALS = /^aws-actions\/configure-aws-credentials@/;

/** Each write permission, and what in a job justifies it. */
const WRITE_NEEDS: Record<string, { reason: string; justified: (uses: string[]) => boolean }> = {
  'id-token': { reason: 'aws-actions/configure-aws-credentials (OIDC)', justified: (uses) => uses.some((u) => AWS_CREDENTIALS.test(u)) },
  'pull-requests': { reason: "scan-gate's pull request comment", justified: (uses) => uses.some((u) => eksKitAction(u) === 'scan-gate') },
  issues: { reason: "version-drift's issues", justified: (uses) => uses.some((u) => eksKitAction(u) === 'version-drift') },
  'security-events': { reason: 'a SARIF upload', justified: (uses) => uses.some((u) => u.startsWith('github/codeql-action/upload-sarif@')) },
};

export function eksKitAction(uses: string): string | undefined {
  return EKS_KIT.exec(uses)?.[1];
}

/** Every `uses:` line's value and trailing comment, as written (the YAML parser drops comments). */
export function usesLines(text: string): string[] {
  return [...text.matchAll(/^\s*(?:-\s+)?uses:\s*(.+?)\s*$/gm)].map((match) => match[1] ?? '');
}

export function checkWorkflow(text: string, actions: Map<string, ActionMetadata>): string[] {
  const problems: string[] = [];
  const workflow = parse(text) as Workflow;

  for (const line of usesLines(text)) {
    if (line.startsWith('./') || line.startsWith('docker://')) continue;
    if (!PINNED.test(line)) problems.push(`uses: ${line} is not pinned to a full commit SHA with a "# vX.Y.Z" comment`);
  }

  const top = workflow.permissions;
  if (typeof top === 'string' || Object.values(top ?? {}).includes('write')) {
    problems.push('workflow-level permissions grant more than nothing; grant per job');
  }

  for (const [jobName, job] of Object.entries(workflow.jobs ?? {})) {
    const steps = job.steps ?? [];
    const uses = steps.flatMap((step) => (step.uses ? [step.uses] : []));

    if (typeof job.permissions !== 'object' || job.permissions === null) {
      problems.push(`job ${jobName}: no explicit permissions block`);
    } else {
      for (const [permission, level] of Object.entries(job.permissions)) {
        if (level !== 'write') continue;
        const need = WRITE_NEEDS[permission];
        if (!need) problems.push(`job ${jobName}: ${permission}: write is not needed by any example`);
        else if (!need.justified(uses)) problems.push(`job ${jobName}: ${permission}: write without ${need.reason}`);
      }
      if (uses.some((u) => AWS_CREDENTIALS.test(u)) && job.permissions['id-token'] !== 'write') {
        problems.push(`job ${jobName}: configures AWS credentials by OIDC but lacks id-token: write`);
      }
    }

    const eksKitSteps = new Map<string, ActionMetadata>();
    for (const step of steps) {
      const name = step.uses ? eksKitAction(step.uses) : undefined;
      if (name === undefined) continue;
      const action = actions.get(name);
      if (!action) {
        problems.push(`job ${jobName}: ${step.uses} is not an eks-kit action`);
        continue;
      }
      if (step.id) eksKitSteps.set(step.id, action);
      const given = Object.keys(step.with ?? {});
      for (const key of given) if (!(key in action.inputs)) problems.push(`job ${jobName}: ${name} has no input "${key}"`);
      for (const [input, spec] of Object.entries(action.inputs)) {
        if (spec?.required === true && !given.includes(input)) problems.push(`job ${jobName}: ${name} needs input "${input}"`);
      }
    }

    const ids = new Set(steps.flatMap((step) => (step.id ? [step.id] : [])));
    for (const [, id, output] of JSON.stringify(job).matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
      if (!id || !output) continue;
      if (!ids.has(id)) problems.push(`job ${jobName}: steps.${id} is not a step of this job`);
      const action = eksKitSteps.get(id);
      if (action && !(output in action.outputs)) problems.push(`job ${jobName}: steps.${id} has no output "${output}"`);
    }
  }
  return problems;
}
