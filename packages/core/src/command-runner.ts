import type * as ChildProcess from 'node:child_process';
import { createRequire } from 'node:module';
import { CommandError } from './errors.js';
import { programOnPath } from './program-on-path.js';

// node:child_process (and the streams and sockets it brings) costs about 6 ms of start-up on Node
// 24: loaded on the first program started, so a run that starts none (a lint without ShellCheck
// on PATH) never pays for it.
let childProcess: typeof ChildProcess | undefined;
const loadChildProcess = (): typeof ChildProcess => (childProcess ??= createRequire(import.meta.url)('node:child_process') as typeof ChildProcess);

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /**
   * Written to the program's stdin, then closed: how secrets reach programs (never argv). A
   * promise is written once it resolves, the program starting meanwhile; when it rejects, the
   * program is stopped.
   */
  input?: string | Promise<string>;
  /** Called with each chunk as it arrives, for live progress. */
  onStdout?: (chunk: string) => void;
  onStderr?: (chunk: string) => void;
  /** Resolve with the exit code instead of throwing on a non-zero exit. */
  allowFailure?: boolean;
  timeoutMs?: number;
  /** Stops the program (SIGTERM) when aborted; the run then resolves with what it printed, as a watch that ended. */
  signal?: AbortSignal;
}

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs programs with an argument array; there is no shell anywhere in between. */
export interface CommandRunner {
  run(command: string, args: readonly string[], options?: RunOptions): Promise<RunResult>;
}

export class ProcessRunner implements CommandRunner {
  run(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    const env = options.env ?? process.env;
    // A program PATH does not hold fails as spawn's ENOENT would, without starting anything.
    if (programOnPath(command, env, options.cwd) === false) return Promise.reject(notFound(command));
    return new Promise((resolve, reject) => {
      const child = loadChildProcess().spawn(command, args, {
        cwd: options.cwd,
        env,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      // Our own timer rather than spawn's `timeout`, whose timer outlives a failed spawn (ENOENT)
      // and keeps the process alive until it fires.
      let timedOut = false;
      const timer =
        options.timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              timedOut = true;
              child.kill('SIGTERM');
            }, options.timeoutMs);
      let stopped = false;
      const stop = () => {
        stopped = true;
        child.kill('SIGTERM');
      };
      if (options.signal?.aborted) stop();
      else options.signal?.addEventListener('abort', stop, { once: true });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        options.onStdout?.(chunk);
      });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        options.onStderr?.(chunk);
      });
      child.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', stop);
        reject(error.code === 'ENOENT' ? notFound(command) : new CommandError(command, null, '', error.message));
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', stop);
        const exitCode = code ?? (signal ? 128 : 1);
        if (stopped) {
          resolve({ exitCode, stdout, stderr });
          return;
        }
        if (timedOut) {
          reject(new CommandError(command, code, stderr, `${command} did not finish within ${options.timeoutMs} ms and was stopped`));
          return;
        }
        if (exitCode !== 0 && !options.allowFailure) {
          reject(new CommandError(command, code, stderr));
          return;
        }
        resolve({ exitCode, stdout, stderr });
      });
      child.stdin.on('error', () => {
        /* the program may exit before reading stdin; its exit code tells the story */
      });
      Promise.resolve(options.input ?? '').then((text) => child.stdin.end(text), () => child.kill('SIGTERM'));
    });
  }
}

function notFound(command: string): CommandError {
  return new CommandError(command, null, '', `${command} was not found on PATH`);
}
