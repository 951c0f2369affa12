import { readFileSync } from 'node:fs';
import path from 'node:path';
import { InputError, sanitizeTag } from '@eks-kit/core';
import { parseAllowlist, type AllowlistEntry } from './allowlist.js';
import type { BaselineRequest } from './baseline.js';
import { DEFAULT_FAIL_ON } from './policy.js';
import { DIGEST, parseImageReference, TAG, type ImageReference } from './reference.js';
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

/**
 * `fail-on` with the `new` forms: `new` (new findings at or above high) and `new:<severity>` judge
 * only the findings the baseline lacks; anything else is a severity or `none`, judging all findings.
 */
export function parseFailOnRule(value: string, name: string): { failOn: Severity | 'none'; gateOn: 'all' | 'new' } {
  const match = /^\s*new\s*(?::\s*(.*))?$/i.exec(value);
  if (!match) return { failOn: parseFailOn(value, name), gateOn: 'all' };
  const severity = match[1] === undefined ? DEFAULT_FAIL_ON : parseSeverity(match[1]);
  if (!severity) throw new InputError(name, `"${value}" names no severity after "new:"; expected new or new:<severity> (${SEVERITIES.map((s) => s.toLowerCase()).join(', ')})`);
  return { failOn: severity, gateOn: 'new' };
}

/**
 * The baseline: `none`, a tag or a digest in the image's own repository; empty means the pull
 * request's base branch (`baseRef`, GITHUB_BASE_REF), whose tag build-push pushes on each push to it.
 */
export function baselineFromInputs(value: string, image: ImageReference, baseRef: string | undefined, name: string): BaselineRequest | { absent: string } | undefined {
  const text = value.trim();
  if (text.toLowerCase() === 'none') return undefined;
  const inRepository = { repository: image.repository, ...(image.registryId ? { registryId: image.registryId } : {}) };
  if (text) {
    if (DIGEST.test(text)) return { reference: { ...inRepository, digest: text }, source: 'input' };
    if (TAG.test(text)) return { reference: { ...inRepository, tag: text }, source: 'input' };
    throw new InputError(name, `"${text}" is neither a tag nor a digest (sha256:<64 hex>) in ${image.repository}, nor none`);
  }
  const tag = baseRef ? sanitizeTag(baseRef) : '';
  if (!tag) return { absent: 'this run is not for a pull request (no base branch) and no baseline image was given' };
  return { reference: { ...inRepository, tag }, source: 'base-branch' };
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
