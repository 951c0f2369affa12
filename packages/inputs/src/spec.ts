/**
 * One table per action says, for every setting: its name, kind, default, description and limits,
 * and how the CLI spells it. The action reads its inputs through it, the CLI builds its flags and
 * --help from it, and action.yml and the docs are generated from it or checked against it.
 */
export type InputKind =
  /** Free text; '' when unset. */
  | 'string'
  /** true/yes/on/1 or false/no/off/0. */
  | 'boolean'
  /** A whole number within min..max. */
  | 'integer'
  /** A decimal number within min..max. */
  | 'number'
  /** One of `choices`, case-insensitive. */
  | 'choice'
  /** Items one a line or comma-separated; blank items and `#` comment lines dropped. */
  | 'list'
  /** Items one a line only (values may contain commas); blank and `#` lines dropped. */
  | 'lines';

export interface CliSpec {
  /** The long flag without dashes; default the input's name. */
  flag?: string;
  short?: string;
  /** Read from the positional arguments instead of a flag; the label errors and --help use, e.g. `<image>`. */
  positional?: string;
  /** For booleans: a flag without a value that turns the setting on, or (`off`) turns it off. */
  switch?: 'on' | 'off';
  /** The flag may be given several times; its values join as a list. */
  repeatable?: boolean;
  /** The CLI's default where it differs from the action's. */
  default?: string;
  /** Placeholder shown in --help, e.g. `<file>`. */
  value?: string;
  /** The --help line. */
  help: string;
  /** --help heading this flag goes under. */
  group?: string;
}

export interface InputSpec {
  name: string;
  kind: InputKind;
  /** action.yml's description. */
  description: string;
  /** The action's default, as action.yml states it; undefined for a required input. */
  default?: string;
  required?: boolean;
  choices?: readonly string[];
  /** What a choice is, for errors: `"yaml" is not a format`. */
  noun?: string;
  min?: number;
  max?: number;
  /** What an integer or number counts, for errors: `"10x" is not a whole number of seconds`. */
  unit?: 'seconds' | 'days';
  /** false: a CLI-only flag, not an action input. */
  action?: false;
  /** How the CLI offers it; absent: an action-only input. */
  cli?: CliSpec;
  /** The value the CLI uses for an action-only input, when not the default. */
  cliValue?: string;
}

export interface CommandSpec {
  /** The sub-command, e.g. `lint`. */
  command: string;
  /** Text after `Usage: eks-kit <command> `. */
  usage: string;
  /** Paragraphs before the options. */
  intro: string;
  /** Paragraphs after the options (exit codes). */
  outro: string;
}

/** One output of the action: action.yml's `outputs:` and the docs' Outputs table come from these. */
export interface OutputSpec {
  name: string;
  description: string;
}

export interface InputTable<Name extends string = string> {
  /** The action's folder and the CLI command. */
  action: string;
  cli: CommandSpec;
  inputs: readonly (InputSpec & { name: Name })[];
  outputs: readonly OutputSpec[];
}

/** Keeps the input names as literal types, so a typo in a read is a type error. */
export function defineTable<const Name extends string>(table: InputTable<Name>): InputTable<Name> {
  return table;
}

export function cliFlag(spec: InputSpec): string | undefined {
  if (!spec.cli || spec.cli.positional) return undefined;
  return spec.cli.flag ?? spec.name;
}
