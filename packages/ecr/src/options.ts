import { readFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '@eks-kit/core';
import { parseAllowlist, type AllowlistEntry } from './allowlist.js';
import { parseImageReference, type ImageReference } from './reference.js';
import { UNUSABLE_STATUSES, type UnusableStatus } from './scan-status.js';
import { parseSeverity, SEVERITIES, type Severity } from './severity.js';

/**
 * Input parsing shared by the action and the CLI, so both refuse the same mistakes with the same
 * words; `names` are the action's input names or the CLI's flags.
 */
export function parseFailOn(value: string, name: string): Severity | 'none' {
  if (value.trim().toLowerCase() === 'none') return 'none';
  const severity = parseSeverity(value);
  if (!severity) throw new InputError(name, `"${value}" is not a severity; expected one of ${SEVERITIES.map((s) => s.toLowerCase()).join(', ')}, none`);
  return severity;
}

export function parseMinCvss(value: string, name: string): number {
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || Number(value) > 10) throw new InputError(name, `"${value}" is not a CVSS score from 0 to 10`);
  return Number(value);
}

export function parseAcceptStatuses(values: readonly string[], name: string): UnusableStatus[] {
  return values.map((value) => {
    const upper = value.trim().toUpperCase().replace(/-/g, '_');
    if (!(UNUSABLE_STATUSES as readonly string[]).includes(upper)) {
      throw new InputError(name, `"${value}" is not a scan status that can be accepted; expected any of ${UNUSABLE_STATUSES.join(', ')}`);
    }
    return upper as UnusableStatus;
  });
}

export interface ImageInputs {
  image?: string;
  repository?: string;
  tag?: string;
  digest?: string;
}

/** `image` alone, or `repository` with `tag` or `digest` (what a build step hands over). */
export function imageFromInputs(inputs: ImageInputs, names: Record<keyof ImageInputs, string>): ImageReference {
  if (inputs.image) {
    if (inputs.repository || inputs.tag || inputs.digest) {
      throw new InputError(names.image, `give either ${names.image} or ${names.repository} with ${names.tag}/${names.digest}, not both`);
    }
    return parseImageReference(inputs.image, names.image);
  }
  if (!inputs.repository) throw new InputError(names.image, `is required (or ${names.repository} with ${names.tag} or ${names.digest})`);
  if (!inputs.tag && !inputs.digest) throw new InputError(names.repository, `needs ${names.tag} or ${names.digest} to say which image`);
  const text = `${inputs.repository}${inputs.tag ? `:${inputs.tag}` : ''}${inputs.digest ? `@${inputs.digest}` : ''}`;
  return parseImageReference(text, inputs.digest ? names.digest : inputs.tag ? names.tag : names.repository);
}

/** Reads an allowlist file relative to `cwd`; a missing file is an input error, not an empty list. */
export function loadAllowlist(file: string, cwd: string, name: string): AllowlistEntry[] {
  let text: string;
  try {
    text = readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(name, code === 'ENOENT' ? `"${file}" does not exist` : `"${file}" cannot be read (${code ?? String(error)})`);
  }
  return parseAllowlist(text, file);
}

/** Kept here for scan-gate's adapters; the rule lives in core, shared with build-push. */
export { parseRegistryId } from '@eks-kit/core';
