import { InputError } from '@eks-kit/core';

/** A build secret: a file or an environment variable the builder reads; the value never reaches argv. */
export type BuildSecret = { id: string; src: string } | { id: string; env: string };

export type Provenance = 'false' | 'min' | 'max';

/** Everything about one build that does not depend on the registry. */
export interface BuildSpec {
  /** Absolute paths. */
  context: string;
  file: string;
  buildArgs: Record<string, string>;
  secrets: BuildSecret[];
  labels: Record<string, string>;
  target?: string;
  platforms: string[];
  provenance: Provenance;
  /** docker/buildx/buildah --network, e.g. `none` or `host`. */
  network?: string;
  /** Always pull a newer base image. */
  pull: boolean;
}

const ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SECRET_ID = /^[A-Za-z0-9_.-]+$/;
const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/;

/** `NAME=value` lines; a value may be empty, a name may not. */
export function parseBuildArgs(lines: readonly string[], input: string): Record<string, string> {
  const args: Record<string, string> = {};
  for (const line of lines) {
    const eq = line.indexOf('=');
    const name = eq === -1 ? line : line.slice(0, eq);
    if (!ARG_NAME.test(name)) throw new InputError(input, `"${name}" is not a build argument name; expected NAME=value`);
    if (eq === -1) throw new InputError(input, `"${line}" has no value; expected ${name}=value`);
    args[name] = line.slice(eq + 1);
  }
  return args;
}

/** `id=npmrc,src=.npmrc` or `id=token,env=NPM_TOKEN`, the way BuildKit spells them. */
export function parseSecrets(lines: readonly string[], input: string): BuildSecret[] {
  return lines.map((line) => {
    const fields = Object.fromEntries(line.split(',').map((part) => {
      const eq = part.indexOf('=');
      return eq === -1 ? [part.trim(), ''] : [part.slice(0, eq).trim(), part.slice(eq + 1).trim()];
    }));
    const { id, src, env, ...rest } = fields as Record<string, string | undefined>;
    const unknown = Object.keys(rest).filter((key) => key !== 'type');
    if (!id || !SECRET_ID.test(id) || unknown.length > 0 || (!src && !env) || (src && env)) {
      throw new InputError(input, `"${line}" is not a secret reference; expected id=<id>,src=<file> or id=<id>,env=<VARIABLE> (never the value itself)`);
    }
    return src ? { id, src } : { id, env: env ?? '' };
  });
}

export function parsePlatforms(lines: readonly string[], input: string): string[] {
  for (const platform of lines) {
    if (!PLATFORM.test(platform)) throw new InputError(input, `"${platform}" is not a platform; expected os/arch[/variant], e.g. linux/amd64`);
  }
  return [...new Set(lines)];
}

export function parseProvenance(value: string, input: string): Provenance {
  const text = value.trim().toLowerCase();
  if (text === '' || text === 'false' || text === 'off') return 'false';
  if (text === 'true' || text === 'min' || text === 'mode=min') return 'min';
  if (text === 'max' || text === 'mode=max') return 'max';
  throw new InputError(input, `"${value}" is not a provenance setting; expected false, true (min) or max`);
}
