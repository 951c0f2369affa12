import { InputError } from '@eks-kit/core';

/** One image in ECR, as the API addresses it. */
export interface ImageReference {
  repository: string;
  /** From a full ECR URI; otherwise the caller's account (the default registry). */
  registryId?: string;
  region?: string;
  tag?: string;
  digest?: string;
}

// IPv4 (`dkr.ecr`, FIPS `dkr.ecr-fips`, China `.com.cn`) and dual-stack (`dkr-ecr.<region>.on.aws`) hosts.
const ECR_HOST = /^(\d{12})\.(?:dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?|dkr-ecr(?:-fips)?\.([a-z0-9-]+)\.on\.aws)$/;
const REPOSITORY = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
export const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
export const DIGEST = /^sha256:[a-f0-9]{64}$/;

const EXPECTED = 'expected repository@sha256:<digest>, repository:tag, or <account>.dkr.ecr.<region>.amazonaws.com/repository:tag';

/**
 * Parses what a workflow hands over: `repo@sha256:…`, `repo:tag`, or a full ECR image URI. A bare
 * repository is refused rather than read as `:latest`, because gating the wrong image is worse
 * than failing.
 */
export function parseImageReference(value: string, input = 'image'): ImageReference {
  const text = value.trim();
  if (!text) throw new InputError(input, `is empty; ${EXPECTED}`);
  let rest = text;
  let registryId: string | undefined;
  let region: string | undefined;

  const slash = rest.indexOf('/');
  const first = slash === -1 ? '' : rest.slice(0, slash);
  if (first.includes('.') || first.includes(':') || first === 'localhost') {
    const host = ECR_HOST.exec(first);
    if (!host) throw new InputError(input, `"${text}" is not in Amazon ECR: "${first}" is not an ECR registry host (<account>.dkr.ecr.<region>.amazonaws.com)`);
    registryId = host[1];
    region = host[2] ?? host[3];
    rest = rest.slice(slash + 1);
  }

  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw new InputError(input, `"${text}" has an invalid digest "${digest}"; expected sha256: and 64 lowercase hex characters`);
  }

  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon !== -1) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw new InputError(input, `"${text}" has an invalid tag "${tag}"; tags are up to 128 letters, digits, _ . and -`);
  }

  if (!REPOSITORY.test(rest) || rest.length > 256) {
    throw new InputError(input, `"${text}" does not name a valid repository ("${rest}"); ${EXPECTED}`);
  }
  if (!tag && !digest) throw new InputError(input, `"${text}" has neither a tag nor a digest; ${EXPECTED}`);
  return { repository: rest, ...(registryId ? { registryId } : {}), ...(region ? { region } : {}), ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/** How a reference reads in reports: `repo@sha256:…` when the digest is known, else `repo:tag`. */
export function formatReference(ref: ImageReference): string {
  return ref.digest ? `${ref.repository}@${ref.digest}` : `${ref.repository}:${ref.tag ?? ''}`;
}
