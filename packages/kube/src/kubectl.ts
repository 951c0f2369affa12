import { CommandError, type CommandRunner, type RunResult } from '@eks-kit/core';

export interface KubectlOptions {
  runner: CommandRunner;
  /** Absent for commands that need no cluster (kustomize). */
  kubeconfig?: string;
  /** kubectl's discovery cache; one per deploy so a stale cache never hides an API. */
  cacheDir?: string;
  /** Program name or path (default kubectl). */
  command?: string;
  env?: NodeJS.ProcessEnv;
  /** Seconds each API request may take before kubectl gives up on it. */
  requestTimeoutSeconds?: number;
}

/** Every kubectl call goes through here: argv arrays, our kubeconfig, and stdin for manifests. */
export class Kubectl {
  /** kubectl processes started, for the benchmark and the log. */
  calls = 0;
  constructor(private readonly options: KubectlOptions) {}

  private baseArgs(): string[] {
    const args = this.options.kubeconfig ? ['--kubeconfig', this.options.kubeconfig] : [];
    if (this.options.cacheDir) args.push('--cache-dir', this.options.cacheDir);
    if (this.options.requestTimeoutSeconds) args.push(`--request-timeout=${this.options.requestTimeoutSeconds}s`);
    return args;
  }

  /** `timeoutMs` stops the process, whatever it waits on (kubectl's own timeouts cover requests only). */
  async run(args: readonly string[], options: { input?: string | Promise<string>; allowFailure?: boolean; timeoutMs?: number; onStdout?: (chunk: string) => void; signal?: AbortSignal } = {}): Promise<RunResult> {
    this.calls++;
    const command = this.options.command ?? 'kubectl';
    return this.options.runner.run(command, [...this.baseArgs(), ...args], {
      ...(options.input === undefined ? {} : { input: options.input }),
      ...(this.options.env ? { env: this.options.env } : {}),
      ...(options.onStdout ? { onStdout: options.onStdout } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.timeoutMs === undefined || !Number.isFinite(options.timeoutMs) ? {} : { timeoutMs: Math.max(1, Math.round(options.timeoutMs)) }),
      allowFailure: options.allowFailure ?? false,
    });
  }

  /** `kubectl get … -o json`; a List for several kinds or a selector. */
  async getJson<T>(args: readonly string[]): Promise<T> {
    return parseJsonOutput<T>(args, await this.run(['get', ...args, '-o', 'json']));
  }
}

export function parseJsonOutput<T>(args: readonly string[], result: RunResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new CommandError('kubectl', 0, result.stderr, `kubectl get ${args.join(' ')} printed something that is not JSON`);
  }
}

/** Turns kubectl's two authentication failures into what to do about them. */
export function explainKubectlError(stderr: string): string | undefined {
  if (/Unauthorized|must be logged in/.test(stderr)) {
    return 'the cluster rejected the credentials (401 Unauthorized): give the IAM role an EKS access entry (or an aws-auth mapping) for this cluster, and check that the AWS credentials are current';
  }
  const forbidden = /forbidden: User "([^"]+)" cannot (\w+) resource "([^"]+)"/.exec(stderr);
  if (forbidden) return `${forbidden[1]} may not ${forbidden[2]} ${forbidden[3]} (403): widen the access policy (AmazonEKSEditPolicy on the namespace) or the RBAC binding`;
  return undefined;
}
