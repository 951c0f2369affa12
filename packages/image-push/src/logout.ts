// Its own file, without the ECR client: build-push's post step needs only this.
import type { CommandRunner, RunOptions } from '@eks-kit/core';

/** Forgets the login; a registry already logged out is not an error. */
export async function engineLogout(runner: CommandRunner, program: 'docker' | 'buildah', host: string, options: RunOptions = {}): Promise<boolean> {
  const result = await runner.run(program, ['logout', host], { ...options, allowFailure: true });
  return result.exitCode === 0;
}
