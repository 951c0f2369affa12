import { InputError, type CommandRunner } from '@eks-kit/core';

const REPOSITORY = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const ECR_HOST = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/;

/** A repository name, or a full repository URI (whose account and region then apply). */
export function parseRepositoryTarget(value: string, input: string): { name: string; registryId?: string; region?: string } {
  const text = value.trim();
  const slash = text.indexOf('/');
  const first = slash === -1 ? '' : text.slice(0, slash);
  let name = text;
  let registryId: string | undefined;
  let region: string | undefined;
  if (first.includes('.') || first.includes(':')) {
    const host = ECR_HOST.exec(first);
    if (!host) throw new InputError(input, `"${text}" is not an Amazon ECR repository: "${first}" is not <account>.dkr.ecr.<region>.amazonaws.com`);
    registryId = host[1];
    region = host[2];
    name = text.slice(slash + 1);
  }
  if (name.includes(':') || name.includes('@')) throw new InputError(input, `"${text}" names a tag or digest; give the repository only and put tags in the tags input`);
  if (name.length < 2 || name.length > 256 || !REPOSITORY.test(name)) {
    throw new InputError(input, `"${name}" is not a valid repository name (lowercase letters, digits, and . _ - / between them)`);
  }
  return { name, ...(registryId ? { registryId } : {}), ...(region ? { region } : {}) };
}

export function parseKmsKey(value: string, input: string): string {
  if (!/^(?:arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(?:key|alias)\/[A-Za-z0-9/_+=,.@-]+|[0-9a-f-]{36}|alias\/[A-Za-z0-9/_+=,.@-]+)$/.test(value)) {
    throw new InputError(input, `"${value}" is not a KMS key id, alias or ARN`);
  }
  return value;
}

/** The commit time for the created label: SOURCE_DATE_EPOCH when set, else what git says; undefined outside a checkout. */
export async function commitTime(runner: CommandRunner, cwd: string, env: NodeJS.ProcessEnv, sha?: string): Promise<string | undefined> {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000).toISOString();
  try {
    const result = await runner.run('git', ['log', '-1', '--format=%cI', sha ?? 'HEAD'], { cwd, env, allowFailure: true, timeoutMs: 5_000 });
    const text = result.stdout.trim();
    return result.exitCode === 0 && text ? new Date(text).toISOString() : undefined;
  } catch {
    return undefined;
  }
}
