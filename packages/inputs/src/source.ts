import { parseArgs } from 'node:util';
import { InputError } from '@eks-kit/core';
import { cliFlag, type InputSpec, type InputTable } from './spec.js';
import { unknownFlagError } from './unknown-flag.js';

/** Where values come from: the runner's INPUT_<NAME> variables, or the command line. */
export interface InputSource {
  surface: 'action' | 'cli';
  /** The text given, trimmed; '' when not given. */
  raw(spec: InputSpec): string;
  /** What the user wrote it as, for errors: the input's name, a flag or a positional. */
  label(spec: InputSpec): string;
}

/** Inputs as the runner passes them; same variable naming as @actions/core. */
export function actionSource(env: NodeJS.ProcessEnv): InputSource {
  return {
    surface: 'action',
    raw: (spec) => (env[`INPUT_${spec.name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim(),
    label: (spec) => spec.name,
  };
}

export interface ParsedCommandLine {
  source: InputSource;
  help: boolean;
}

/** node:util parseArgs options for every flag in the table, plus -h/--help. */
export function parseArgsOptions(table: InputTable) {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {};
  for (const spec of table.inputs) {
    const flag = cliFlag(spec);
    if (!flag || !spec.cli) continue;
    options[flag] = {
      type: spec.cli.switch ? 'boolean' : 'string',
      ...(spec.cli.short ? { short: spec.cli.short } : {}),
      ...(spec.cli.repeatable ? { multiple: true } : {}),
    };
  }
  options.help = { type: 'boolean', short: 'h' };
  return options;
}

/**
 * Parses argv by the table. An unknown flag is an InputError naming it and the nearest real flag; other
 * malformed command lines throw node's ERR_PARSE_ARGS_* errors, which the CLI reports as usage errors.
 */
export function commandLineSource(table: InputTable, argv: string[]): ParsedCommandLine {
  const positional = table.inputs.find((spec) => spec.cli?.positional);
  const options = parseArgsOptions(table);
  const { values, positionals } = parseCommandLine(table, argv, positional, options);
  if (positional && positionals.length > 1 && !takesMany(positional)) {
    throw new InputError(positional.cli?.positional ?? positional.name, `one at a time; got ${positionals.length}`);
  }
  const raw = (spec: InputSpec): string => {
    if (!spec.cli) return '';
    if (spec.cli.positional) return positionals.join('\n').trim();
    const value = values[cliFlag(spec) ?? ''];
    if (spec.cli.switch) return value === true ? (spec.cli.switch === 'on' ? 'true' : 'false') : '';
    if (Array.isArray(value)) return value.join('\n').trim();
    return typeof value === 'string' ? value.trim() : '';
  };
  return {
    help: values.help === true,
    source: {
      surface: 'cli',
      raw,
      label: (spec) => spec.cli?.positional ?? (cliFlag(spec) ? `--${cliFlag(spec)}` : spec.name),
    },
  };
}

function parseCommandLine(table: InputTable, args: string[], positional: InputSpec | undefined, options: ReturnType<typeof parseArgsOptions>) {
  try {
    return parseArgs({ args, allowPositionals: positional !== undefined, strict: true, options });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw error;
    const given = args.find((arg) => arg.startsWith('-') && arg !== '--' && !isKnownFlag(arg, options)) ?? String(error);
    const argument = positional?.cli?.positional;
    throw unknownFlagError(table.cli.command, given, Object.keys(options), argument === undefined ? undefined : {
      name: argument.replace(/[<>[\]…]/g, ''), many: positional !== undefined && takesMany(positional), usage: table.cli.usage,
    });
  }
}

/** A list input: several positionals are several items, not a mistake. */
function takesMany(spec: InputSpec): boolean {
  return spec.kind === 'list' || spec.kind === 'lines';
}

function isKnownFlag(arg: string, options: ReturnType<typeof parseArgsOptions>): boolean {
  if (arg.startsWith('--')) return (arg.slice(2).split('=')[0] ?? '') in options;
  // A short flag, or a cluster of them (-vt): every letter must be some option's short form.
  const shorts = new Set(Object.values(options).map((o) => o.short));
  return [...arg.slice(1)].every((letter) => shorts.has(letter)) || /^-\d/.test(arg);
}
