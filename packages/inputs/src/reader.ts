import { InputError } from '@eks-kit/core';
import type { InputSource } from './source.js';
import type { InputSpec, InputTable } from './spec.js';

const TRUE = ['true', 'yes', 'on', '1'];
const FALSE = ['false', 'no', 'off', '0'];

/**
 * Reads one action's settings by its table, from either surface. Defaults and limits come from the
 * table; every error names the input or flag the value came from.
 */
export class TableReader<Name extends string> {
  private readonly specs: Map<string, InputSpec>;

  constructor(
    readonly table: InputTable<Name>,
    private readonly source: InputSource,
  ) {
    this.specs = new Map(table.inputs.map((spec) => [spec.name, spec]));
  }

  get surface(): 'action' | 'cli' {
    return this.source.surface;
  }

  spec(name: Name): InputSpec {
    const spec = this.specs.get(name);
    // A bug in the adapter, not a user mistake.
    if (!spec) throw new Error(`${this.table.action}: no input "${name}" in the table`);
    return spec;
  }

  /** What the user calls this setting here: the input's name, or the flag. */
  label(name: Name): string {
    return this.source.label(this.spec(name));
  }

  /** The setting named inside a sentence: "the region input", or "--region". */
  mention(name: Name): string {
    return this.surface === 'action' ? `the ${this.label(name)} input` : this.label(name);
  }

  /** Whether this surface offers the setting at all. */
  offers(name: Name): boolean {
    const spec = this.spec(name);
    return this.surface === 'action' ? spec.action !== false : spec.cli !== undefined;
  }

  /** The text given, trimmed; '' when not given (or not offered here). */
  raw(name: Name): string {
    return this.offers(name) ? this.source.raw(this.spec(name)) : '';
  }

  /** This surface's default. A runner expression such as `${{ github.token }}` is no value to fall back on. */
  defaultOf(name: Name): string {
    const spec = this.spec(name);
    const value = this.surface === 'cli' ? (spec.cli ? (spec.cli.default ?? spec.default) : (spec.cliValue ?? spec.default)) : spec.default;
    return value === undefined || value.includes('${{') ? '' : value;
  }

  /** The value given, else the default; a required one that is missing fails. */
  text(name: Name): string {
    const value = this.raw(name) || this.defaultOf(name);
    if (!value && this.spec(name).required) throw new InputError(this.label(name), 'is required and was not given');
    return value;
  }

  /**
   * Only what was given, for settings whose default the library applies or that change meaning
   * when empty (`report-file: ''` writes none). On the CLI an action-only input reads its cliValue.
   */
  optional(name: Name): string | undefined {
    if (!this.offers(name)) return this.defaultOf(name) || undefined;
    return this.raw(name) || undefined;
  }

  boolean(name: Name): boolean {
    const value = this.text(name).toLowerCase();
    if (TRUE.includes(value)) return true;
    if (FALSE.includes(value) || value === '') return false;
    throw new InputError(this.label(name), `"${this.raw(name)}" is not a boolean; expected true or false`);
  }

  integer(name: Name): number {
    const value = this.text(name);
    if (!/^-?\d+$/.test(value)) throw new InputError(this.label(name), `"${value}" is not a whole number${this.unitOf(name)}`);
    return this.within(name, Number(value));
  }

  number(name: Name): number {
    const value = this.text(name);
    if (!/^-?(\d+\.?\d*|\.\d+)$/.test(value)) throw new InputError(this.label(name), `"${value}" is not a number${this.unitOf(name)}`);
    return this.within(name, Number(value));
  }

  choice<T extends string>(name: Name): T {
    const spec = this.spec(name);
    const value = this.text(name).toLowerCase();
    const allowed = spec.choices ?? [];
    if (allowed.includes(value)) return value as T;
    throw new InputError(this.label(name), `"${this.raw(name)}" is not ${spec.noun ? `a ${spec.noun}` : 'allowed'}; expected one of ${allowed.join(', ')}`);
  }

  /**
   * A list: one a line or comma-separated (kind `list`), or one a line only (kind `lines`). In a
   * workflow an empty list means none: the runner has already filled in action.yml's default.
   */
  list(name: Name): string[] {
    const byLine = (this.surface === 'action' ? this.raw(name) : this.text(name))
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    const items = this.spec(name).kind === 'lines' ? byLine : byLine.flatMap((line) => line.split(','));
    return items.map((item) => item.trim()).filter(Boolean);
  }

  private within(name: Name, value: number): number {
    const { min, max, unit } = this.spec(name);
    const of = (n: number) => (unit ? `${n} ${Math.abs(n) === 1 ? unit.slice(0, -1) : unit}` : String(n));
    if (min !== undefined && value < min) throw new InputError(this.label(name), `${value} is below the minimum of ${of(min)}`);
    if (max !== undefined && value > max) throw new InputError(this.label(name), `${value} is above the maximum of ${of(max)}`);
    return value;
  }

  private unitOf(name: Name): string {
    const unit = this.spec(name).unit;
    return unit ? ` of ${unit}` : '';
  }
}
