import { existsSync, readFileSync } from 'node:fs';
import { CommandError, type CommandRunner, type RunOptions } from '@eks-kit/core';

const DIGEST = /^sha256:[a-f0-9]{64}$/;

function digestIn(text: string, source: string): string {
  const value = text.trim();
  if (!DIGEST.test(value)) throw new CommandError(source, 0, '', `${source} did not hold a sha256 digest ("${value.slice(0, 80)}")`);
  return value;
}

/** The image ID (its config digest) from `--iidfile`. */
export function readIidFile(file: string): string {
  if (!existsSync(file)) throw new CommandError('build', 0, '', 'the build finished without writing its image ID file');
  return digestIn(readFileSync(file, 'utf8'), 'the image ID file');
}

/** The pushed manifest digest `buildah push --digestfile` wrote. */
export function readDigestFile(file: string): string {
  if (!existsSync(file)) throw new CommandError('buildah push', 0, '', 'buildah push finished without writing its digest file');
  return digestIn(readFileSync(file, 'utf8'), 'the digest file');
}

/** What buildx wrote to `--metadata-file`: the pushed manifest (or index) digest and the config digest. */
export function readBuildxMetadata(file: string): { digest?: string; configDigest?: string } {
  if (!existsSync(file)) throw new CommandError('docker buildx build', 0, '', 'buildx finished without writing its metadata file');
  const metadata = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const digest = metadata['containerimage.digest'];
  const config = metadata['containerimage.config.digest'];
  return {
    ...(typeof digest === 'string' && DIGEST.test(digest) ? { digest } : {}),
    ...(typeof config === 'string' && DIGEST.test(config) ? { configDigest: config } : {}),
  };
}

/** After `docker push`: the registry digest docker recorded for the repository, from `docker image inspect` JSON. */
export async function dockerRepoDigest(runner: CommandRunner, reference: string, repositoryUri: string, options: RunOptions = {}): Promise<string> {
  const { stdout } = await runner.run('docker', ['image', 'inspect', '--format', '{{json .RepoDigests}}', reference], options);
  const digests = JSON.parse(stdout.trim() || '[]') as string[];
  const match = digests.find((entry) => entry.startsWith(`${repositoryUri}@`));
  if (!match) throw new CommandError('docker image inspect', 0, '', `docker recorded no digest for ${repositoryUri} after the push`);
  return digestIn(match.slice(repositoryUri.length + 1), 'docker image inspect');
}
