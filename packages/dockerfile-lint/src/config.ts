import { InputError } from '@eks-kit/core';
import { canonicalCheckName } from './rules/buildkit/names.js';
import { isSeverity, SEVERITIES, type Severity } from './types.js';

export type LabelType = 'text' | 'url' | 'email' | 'hash' | 'rfc3339' | 'semver' | 'spdx';
const LABEL_TYPES: readonly LabelType[] = ['text', 'url', 'email', 'hash', 'rfc3339', 'semver', 'spdx'];

export type FailureThreshold = Severity | 'none';

/** The settings of `.hadolint.yaml`, with the same names and meanings. */
export interface LintConfig {
  ignored: Set<string>;
  override: Map<string, Severity>;
  trustedRegistries: string[];
  failureThreshold: FailureThreshold;
  labelSchema: Record<string, LabelType>;
  strictLabels: boolean;
  disableIgnorePragma: boolean;
  /** Rules that are off by default and turned on here (eks-kit extension: `enabled: [DL3057]`). */
  enabled: Set<string>;
}

export function defaultConfig(): LintConfig {
  return {
    ignored: new Set(),
    override: new Map(),
    trustedRegistries: [],
    failureThreshold: 'info',
    labelSchema: {},
    strictLabels: false,
    disableIgnorePragma: false,
    enabled: new Set(),
  };
}

/** A config file problem, with the file and key it is about. */
export class ConfigError extends InputError {
  override name = 'ConfigError';
  constructor(source: string, key: string, problem: string) {
    super(`${source}: ${key}`, problem);
  }
}

const KNOWN_KEYS = new Set([
  'ignored',
  'override',
  'trustedRegistries',
  'failure-threshold',
  'label-schema',
  'strict-labels',
  'disable-ignore-pragma',
  'enabled',
  // Accepted for compatibility; they steer hadolint's CLI, which the action's inputs replace.
  'format',
  'no-fail',
  'no-color',
  'verbose',
]);

/** The settings of a parsed `.hadolint.yaml`. Unknown keys are errors: a typo must not silently do nothing. */
export function configFromSettings(raw: unknown, source: string): LintConfig {
  const config = defaultConfig();
  if (raw === null || raw === undefined) return config;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(source, '(file)', 'expected a mapping of settings');
  const record = raw as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!KNOWN_KEYS.has(key)) throw new ConfigError(source, key, `unknown setting; expected one of ${[...KNOWN_KEYS].join(', ')}`);
  }
  config.ignored = new Set(codeList(record.ignored, source, 'ignored'));
  config.enabled = new Set(codeList(record.enabled, source, 'enabled'));
  config.trustedRegistries = stringList(record.trustedRegistries, source, 'trustedRegistries');
  if (record.override !== undefined) config.override = parseOverride(record.override, source);
  if (record['failure-threshold'] !== undefined) config.failureThreshold = parseThreshold(record['failure-threshold'], `${source}: failure-threshold`);
  if (record['label-schema'] !== undefined) config.labelSchema = parseLabelSchema(record['label-schema'], source);
  config.strictLabels = bool(record['strict-labels'], source, 'strict-labels');
  config.disableIgnorePragma = bool(record['disable-ignore-pragma'], source, 'disable-ignore-pragma');
  return config;
}

export function parseThreshold(value: unknown, where: string): FailureThreshold {
  const text = String(value).trim().toLowerCase();
  if (text === 'none' || isSeverity(text)) return text;
  throw new ConfigError(where, 'value', `"${String(value)}" is not a threshold; expected one of ${[...SEVERITIES, 'none'].join(', ')}`);
}

function parseOverride(value: unknown, source: string): Map<string, Severity> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError(source, 'override', 'expected a mapping of severity → list of rule codes');
  const result = new Map<string, Severity>();
  for (const [severity, codes] of Object.entries(value as Record<string, unknown>)) {
    if (!isSeverity(severity)) throw new ConfigError(source, `override.${severity}`, `unknown severity; expected one of ${SEVERITIES.join(', ')}`);
    for (const code of codeList(codes, source, `override.${severity}`)) result.set(code, severity);
  }
  return result;
}

function parseLabelSchema(value: unknown, source: string): Record<string, LabelType> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError(source, 'label-schema', 'expected a mapping of label → type');
  const result: Record<string, LabelType> = {};
  for (const [label, type] of Object.entries(value as Record<string, unknown>)) {
    if (!LABEL_TYPES.includes(type as LabelType)) throw new ConfigError(source, `label-schema.${label}`, `"${String(type)}" is not a label type; expected one of ${LABEL_TYPES.join(', ')}`);
    result[label] = type as LabelType;
  }
  return result;
}

function stringList(value: unknown, source: string, key: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' || typeof v === 'number')) throw new ConfigError(source, key, 'expected a list of strings');
  return value.map(String);
}

function codeList(value: unknown, source: string, key: string): string[] {
  return stringList(value, source, key).map((code) => {
    const upper = code.trim().toUpperCase();
    const check = canonicalCheckName(code);
    if (check) return check;
    if (!/^[A-Z]{2,3}\d{4}$/.test(upper)) throw new ConfigError(source, key, `"${code}" is not a rule code like DL3008 or EK1001, nor a BuildKit check name like StageNameCasing`);
    return upper;
  });
}

function bool(value: unknown, source: string, key: string): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  throw new ConfigError(source, key, `expected true or false, got ${JSON.stringify(value)}`);
}
