import { InputError } from '@eks-kit/core';

/** Reads action inputs the way the runner passes them (INPUT_<NAME> variables) and validates them. */
export class Inputs {
  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  /** Raw value, trimmed; '' when unset. Same variable naming as @actions/core. */
  raw(name: string): string {
    return (this.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
  }

  string(name: string, options: { required?: boolean; default?: string } = {}): string {
    const value = this.raw(name);
    if (value) return value;
    if (options.required) throw new InputError(name, 'is required and was not given');
    return options.default ?? '';
  }

  optional(name: string): string | undefined {
    return this.raw(name) || undefined;
  }

  /** A list given one item a line or comma-separated; blank items and `#` comments dropped. */
  list(name: string): string[] {
    return this.raw(name)
      .split(/\r?\n/)
      .flatMap((line) => (line.trim().startsWith('#') ? [] : line.split(',')))
      .map((item) => item.trim())
      .filter(Boolean);
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.raw(name).toLowerCase();
    if (!value) return fallback;
    if (['true', 'yes', 'on', '1'].includes(value)) return true;
    if (['false', 'no', 'off', '0'].includes(value)) return false;
    throw new InputError(name, `"${this.raw(name)}" is not a boolean; expected true or false`);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name).toLowerCase();
    if (!value) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    throw new InputError(name, `"${this.raw(name)}" is not allowed; expected one of ${allowed.join(', ')}`);
  }

  integer(name: string, options: { default: number; min?: number; max?: number }): number {
    const value = this.raw(name);
    if (!value) return options.default;
    if (!/^-?\d+$/.test(value)) throw new InputError(name, `"${value}" is not a whole number`);
    const number = Number(value);
    if (options.min !== undefined && number < options.min) throw new InputError(name, `${number} is below the minimum of ${options.min}`);
    if (options.max !== undefined && number > options.max) throw new InputError(name, `${number} is above the maximum of ${options.max}`);
    return number;
  }
}
