/** The programs the demo drives directly (git, buildah), through the kit's own argv-only runner. */
import { ProcessRunner, type RunOptions } from '@eks-kit/core';

const runner = new ProcessRunner();

export async function run(command: string, args: readonly string[], options: RunOptions = {}): Promise<string> {
  return (await runner.run(command, args, options)).stdout.trim();
}

/** Whether a program answers at all, to explain a missing install before anything starts. */
export async function installed(command: string, args: readonly string[]): Promise<boolean> {
  try {
    await runner.run(command, args, { timeoutMs: 20_000 });
    return true;
  } catch {
    return false;
  }
}
