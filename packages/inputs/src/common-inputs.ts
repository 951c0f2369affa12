import { parseRegion } from '@eks-kit/core';
import type { InputSpec } from './spec.js';

/** The CLI's `-f, --format text|json` (the actions report through the job summary instead). */
export function textOrJsonFormat(group?: string) {
  return {
    name: 'format',
    kind: 'choice',
    choices: ['text', 'json'],
    noun: 'format',
    action: false,
    description: 'How the report is printed.',
    default: 'text',
    cli: { short: 'f', value: '<format>', help: 'text | json', ...(group ? { group } : {}) },
  } as const satisfies InputSpec;
}

/** The CLI's `-o, --output <file>`. */
export const OUTPUT_FILE = {
  name: 'output',
  kind: 'string',
  action: false,
  description: 'Write the report to a file instead of stdout.',
  cli: { short: 'o', value: '<file>', help: 'write the report to a file instead of stdout' },
} as const satisfies InputSpec;

/**
 * The AWS region from the first source that gives one (an image URI's region, the input, then
 * AWS_REGION and AWS_DEFAULT_REGION), checked by the rule every action shares before the first AWS
 * call, so a malformed one is named where it came from rather than surfacing as a signature or DNS
 * error. Undefined when no source gives one; each caller says what it needs instead.
 */
export function regionFromSources(sources: readonly (readonly [label: string, value: string | undefined])[], env: NodeJS.ProcessEnv): string | undefined {
  const all = [...sources, ['AWS_REGION', env.AWS_REGION], ['AWS_DEFAULT_REGION', env.AWS_DEFAULT_REGION]] as const;
  const found = all.find(([, value]) => value !== undefined && value !== '');
  return found ? parseRegion(found[1]!, found[0]) : undefined;
}
