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
