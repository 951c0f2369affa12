import type { Inputs } from '@eks-kit/action-runtime';
import { parseThreshold, type FailureThreshold } from '@eks-kit/dockerfile-lint';
import { InputError } from '@eks-kit/core';

export const FORMATS = ['github', 'text', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export interface LintInputs {
  dockerfiles: string[];
  config?: string;
  failureThreshold?: FailureThreshold;
  format: Format;
  sarifFile?: string;
  context?: string;
  maxAnnotations: number;
}

/** Validates every input before any file is read. */
export function readInputs(inputs: Inputs): LintInputs {
  const threshold = inputs.optional('failure-threshold');
  return {
    dockerfiles: inputs.list('dockerfiles'),
    config: inputs.optional('config'),
    failureThreshold: threshold === undefined ? undefined : thresholdInput(threshold),
    format: inputs.oneOf('format', FORMATS, 'github'),
    sarifFile: inputs.optional('sarif-file'),
    context: inputs.optional('context'),
    maxAnnotations: inputs.integer('max-annotations', { default: 50, min: 0, max: 1000 }),
  };
}

function thresholdInput(value: string): FailureThreshold {
  try {
    return parseThreshold(value, 'failure-threshold');
  } catch {
    throw new InputError('failure-threshold', `"${value}" is not a threshold; expected one of error, warning, info, style, none`);
  }
}
