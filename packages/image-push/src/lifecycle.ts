import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '@eks-kit/core';

interface LifecycleRule {
  rulePriority: number;
  description?: string;
  selection: { tagStatus: string; countType: string; countUnit?: string; countNumber: number };
  action: { type: string };
}

const UNTAGGED_DAYS = 7;

function untaggedRule(priority: number): LifecycleRule {
  return {
    rulePriority: priority,
    description: `Expire untagged images (superseded build cache manifests, moved tags) after ${UNTAGGED_DAYS} days`,
    selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: UNTAGGED_DAYS },
    action: { type: 'expire' },
  };
}

/** The policy a repository created by build-push gets when none is given. */
export function defaultLifecyclePolicy(): string {
  return JSON.stringify({ rules: [untaggedRule(1)] });
}

/**
 * The lifecycle policy from an input: inline JSON or a file in the workspace. A rule expiring
 * untagged images is added when the policy has none, because every cache export and every moved
 * tag leaves untagged manifests behind that nobody else cleans up.
 */
export function loadLifecyclePolicy(value: string, workspace: string, input: string): string {
  let text = value.trim();
  if (!text.startsWith('{')) {
    const file = path.resolve(workspace, text);
    if (!existsSync(file)) throw new InputError(input, `"${value}" is neither inline JSON nor a file in the workspace`);
    text = readFileSync(file, 'utf8');
  }
  let policy: { rules?: unknown };
  try {
    policy = JSON.parse(text) as { rules?: unknown };
  } catch (error) {
    throw new InputError(input, `is not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(policy.rules) || policy.rules.length === 0) throw new InputError(input, 'needs a non-empty "rules" list (see the ECR lifecycle policy syntax)');
  const rules = policy.rules as LifecycleRule[];
  for (const [index, rule] of rules.entries()) {
    if (typeof rule?.rulePriority !== 'number' || typeof rule.selection?.tagStatus !== 'string' || rule.action?.type !== 'expire') {
      throw new InputError(input, `rule ${index + 1} needs rulePriority (number), selection.tagStatus and action.type "expire"`);
    }
  }
  if (!rules.some((rule) => rule.selection.tagStatus === 'untagged')) {
    rules.push(untaggedRule(Math.max(...rules.map((rule) => rule.rulePriority)) + 1));
  }
  return JSON.stringify({ ...policy, rules });
}
