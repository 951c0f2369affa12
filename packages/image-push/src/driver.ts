import { InputError, type CommandRunner, type RunOptions } from '@eks-kit/core';

/**
 * How the image is built: `buildx` (BuildKit, GitHub-hosted runners), `docker` (the classic
 * builder, where buildx is missing) or `buildah` (daemonless, e.g. Kubernetes runners).
 */
export type Driver = 'buildx' | 'docker' | 'buildah';
export const DRIVERS: readonly Driver[] = ['buildx', 'docker', 'buildah'];

async function works(runner: CommandRunner, command: string, args: string[], options: RunOptions): Promise<boolean> {
  try {
    return (await runner.run(command, args, { ...options, allowFailure: true, timeoutMs: 15_000 })).exitCode === 0;
  } catch {
    return false; // not on PATH
  }
}

/**
 * The driver to use: the one asked for, checked; or the first that works of buildx, docker (a
 * reachable daemon) and buildah.
 */
export async function detectDriver(runner: CommandRunner, choice: Driver | 'auto', options: RunOptions = {}): Promise<Driver> {
  const daemon = () => works(runner, 'docker', ['version', '--format', '{{.Server.Version}}'], options);
  const buildx = () => works(runner, 'docker', ['buildx', 'version'], options);
  const buildah = () => works(runner, 'buildah', ['version'], options);
  if (choice === 'buildx') {
    if (!(await buildx())) throw new InputError('driver', 'buildx was asked for but `docker buildx version` fails; set up buildx (docker/setup-buildx-action) or use driver: docker');
    return 'buildx';
  }
  if (choice === 'docker') {
    if (!(await daemon())) throw new InputError('driver', 'docker was asked for but no Docker daemon answers (`docker version`); check DOCKER_HOST or use driver: buildah');
    return 'docker';
  }
  if (choice === 'buildah') {
    if (!(await buildah())) throw new InputError('driver', 'buildah was asked for but `buildah version` fails; install buildah');
    return 'buildah';
  }
  // Asked side by side: each is a process start, and this runs on every build.
  const [hasDaemon, hasBuildx, hasBuildah] = await Promise.all([daemon(), buildx(), buildah()]);
  if (hasDaemon) return hasBuildx ? 'buildx' : 'docker';
  if (hasBuildah) return 'buildah';
  throw new InputError('driver', 'no image builder found: no Docker daemon answers and buildah is not installed');
}
