import { InputError } from '@eks-kit/core';
// The narrow path: the package's index would bring the whole linter into the entry chunk.
import { parseThreshold, type FailureThreshold } from '@eks-kit/dockerfile-lint/config';
import { OUTPUT_FILE } from './common-inputs.js';
import { defineTable } from './spec.js';
import type { ReaderOf } from './spec-names.js';

export const LINT_TABLE = defineTable({
  action: 'lint',
  cli: {
    command: 'lint',
    usage: '[options] [dockerfiles…]',
    intro: `Lints Dockerfiles (paths, directories or globs; default: every Dockerfile under the current
directory) with hadolint-compatible rules and eks-kit's cache, layer and size rules.`,
    outro: `Exit codes: 0 nothing at or above the threshold, 1 findings at or above it,
2 bad usage or input, 3 unexpected error.`,
  },
  inputs: [
    {
      name: 'dockerfiles',
      kind: 'list',
      description: 'Dockerfiles to lint, as paths, directories or globs (one a line or comma-separated). Default every Dockerfile in the repository.',
      default: '',
      cli: { positional: 'dockerfiles', help: 'Dockerfiles, directories or globs (default: every Dockerfile under .)' },
    },
    {
      name: 'config',
      kind: 'string',
      description: 'Path to a .hadolint.yaml-style config. Default `.hadolint.yaml` at the repository root when it exists.',
      default: '',
      cli: { short: 'c', value: '<file>', help: '.hadolint.yaml-style config (default: ./.hadolint.yaml if present)' },
    },
    {
      name: 'failure-threshold',
      kind: 'string',
      description: 'Fail the step on findings at or above this severity (error, warning, info, style, none). Default the config\'s, else info.',
      default: '',
      cli: { short: 't', value: '<sev>', help: "error | warning | info | style | none (default: config's, else info)" },
    },
    {
      name: 'format',
      kind: 'choice',
      choices: ['github', 'text', 'json', 'sarif'],
      noun: 'format',
      description: 'github (annotations + log), text, json, or sarif (also writes eks-kit-lint.sarif).',
      default: 'github',
      cli: { short: 'f', value: '<format>', default: 'text', help: 'text | json | sarif | github' },
    },
    {
      name: 'sarif-file',
      kind: 'string',
      description: 'Write SARIF 2.1.0 to this path (for github/codeql-action/upload-sarif).',
      default: '',
    },
    {
      name: 'context',
      kind: 'string',
      description: "Build context directory, when it is not the Dockerfile's own directory (used to find .dockerignore).",
      default: '',
      cli: { value: '<dir>', help: "build context, when not the Dockerfile's directory (.dockerignore)" },
    },
    {
      name: 'max-annotations',
      kind: 'integer',
      min: 0,
      max: 1000,
      description: 'Most findings shown as annotations; GitHub shows 10 per level per step, chosen round-robin over rules and files.',
      default: '50',
    },
    OUTPUT_FILE,
    {
      name: 'no-color',
      kind: 'boolean',
      action: false,
      description: 'Plain text even in a terminal.',
      cli: { switch: 'on', help: 'plain text even in a terminal' },
    },
  ],
  outputs: [
    { name: 'errors', description: 'Number of error findings.' },
    { name: 'warnings', description: 'Number of warning findings.' },
    { name: 'infos', description: 'Number of info findings.' },
    { name: 'styles', description: 'Number of style findings.' },
    { name: 'total', description: 'Number of findings.' },
    { name: 'files', description: 'Number of Dockerfiles linted.' },
    { name: 'result', description: 'pass or fail, against the failure threshold.' },
    { name: 'sarif-file', description: 'Path of the SARIF file, when one was written.' },
  ],
});

export type LintFormat = 'github' | 'text' | 'json' | 'sarif';

export interface LintSettings {
  dockerfiles: string[];
  config?: string;
  failureThreshold?: FailureThreshold;
  format: LintFormat;
  sarifFile?: string;
  context?: string;
  maxAnnotations: number;
  output?: string;
  noColor: boolean;
  /** What the user calls the patterns and the config, for the library's errors. */
  names: { patterns: string; config: string };
}

/** Validates every setting before any file is read. */
export function readLintSettings(read: ReaderOf<typeof LINT_TABLE>): LintSettings {
  const threshold = read.optional('failure-threshold');
  return {
    dockerfiles: read.list('dockerfiles'),
    config: read.optional('config'),
    ...(threshold === undefined ? {} : { failureThreshold: thresholdOf(threshold, read.label('failure-threshold')) }),
    format: read.choice<LintFormat>('format'),
    sarifFile: read.optional('sarif-file'),
    context: read.optional('context'),
    maxAnnotations: read.integer('max-annotations'),
    output: read.optional('output'),
    noColor: read.boolean('no-color'),
    names: { patterns: read.label('dockerfiles'), config: read.label('config') },
  };
}

function thresholdOf(value: string, label: string): FailureThreshold {
  try {
    return parseThreshold(value, label);
  } catch {
    throw new InputError(label, `"${value}" is not a threshold; expected one of error, warning, info, style, none`);
  }
}
