import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './run-bundle.js';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The CLI bundle (dist/cli/index.js) in a new process with only PATH and `env`. Asynchronous: a
 * sandbox answers from the test's process, so the CLI must not block it.
 */
export function runCli(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'dist/cli/index.js'), ...args], { cwd, env: { PATH: process.env.PATH, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
