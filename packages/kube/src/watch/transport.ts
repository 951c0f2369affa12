/**
 * How a watch reaches the API server, apart from what the watch does with what arrives
 * (collection.ts): through `kubectl get --raw` (kubectl's authentication, any kubeconfig, any
 * proxy) or in-process (api-client.ts, for clusters whose access we set up ourselves).
 */
import { CommandError } from '@eks-kit/core';
import { ApiStatus, ApiUnreachable, type KubeApi } from '../api-client.js';
import { REQUEST_TIMEOUT_SECONDS, type KubectlLike } from '../bounded.js';
import { lineSplitter } from '../line-splitter.js';

export interface WatchTransport {
  /**
   * One watch request: `onLine` sees each line as it arrives. Resolves 'ended' when the server
   * (or `signal`) ended it, 'expired' when the server refused our resourceVersion as too old
   * before streaming; throws WatchFailed when it failed.
   */
  watch(url: string, onLine: (line: string) => void, signal: AbortSignal): Promise<'ended' | 'expired'>;
  /** One list request: its body. Throws WatchFailed when it failed. */
  list(url: string, signal: AbortSignal): Promise<string>;
}

/** A watch or list that failed in a way worth retrying (or, when `forbidden`, not). */
export class WatchFailed extends Error {
  constructor(message: string, readonly forbidden: boolean) {
    super(message);
  }
}

/** Seconds the server keeps one watch open. */
export const WATCH_SECONDS = 120;
/** Past the server's own end of a watch, how long a silent stream may go before it is given up. */
const STALL_MARGIN_MS = 10_000;

const FORBIDDEN = /\(Forbidden\)|forbidden/;
const EXPIRED = /too old resource version|\(Expired\)|\(Gone\)/;

export function kubectlTransport(kubectl: KubectlLike): WatchTransport {
  const failed = (error: unknown) => {
    if (error instanceof CommandError) return new WatchFailed(error.message, FORBIDDEN.test(error.message));
    return error;
  };
  return {
    async watch(url, onLine, signal) {
      const lines = lineSplitter();
      const onStdout = (chunk: string) => {
        for (const line of lines.push(chunk)) onLine(line);
      };
      // No request timeout: the server ends the watch after timeoutSeconds; the process bound covers a stall.
      const result = await kubectl.run(['get', '--raw', url, '--request-timeout=0'], {
        allowFailure: true, onStdout, signal, timeoutMs: WATCH_SECONDS * 1000 + STALL_MARGIN_MS,
      }).catch((error: unknown) => {
        throw failed(error);
      });
      if (signal.aborted || result.exitCode === 0) return 'ended';
      // Expired before the stream began: the server answers 410 itself instead of an ERROR event.
      if (EXPIRED.test(result.stderr)) return 'expired';
      throw failed(new CommandError('kubectl', result.exitCode, result.stderr));
    },
    async list(url, signal) {
      const result = await kubectl.run(['get', '--raw', url], { signal }).catch((error: unknown) => {
        throw failed(error);
      });
      return result.stdout;
    },
  };
}

export interface StallBounds {
  /** No response headers by then: the request is abandoned (default 20 s). */
  headersTimeoutMs?: number;
  /** Nothing at all for this long, not even a bookmark: abandoned (default: the server's watch timeout + 10 s). */
  idleTimeoutMs?: number;
}

export function apiTransport(api: Pick<KubeApi, 'get' | 'stream'>, bounds: StallBounds = {}): WatchTransport {
  const headersTimeoutMs = bounds.headersTimeoutMs ?? REQUEST_TIMEOUT_SECONDS * 1000;
  const idleTimeoutMs = bounds.idleTimeoutMs ?? WATCH_SECONDS * 1000 + STALL_MARGIN_MS;
  const failed = (error: unknown) => {
    if (error instanceof ApiStatus) return new WatchFailed(error.message, error.status === 403);
    if (error instanceof ApiUnreachable) return new WatchFailed(error.message, false);
    return error;
  };
  return {
    async watch(url, onLine, signal) {
      try {
        for await (const line of api.stream(url, { signal, headersTimeoutMs, idleTimeoutMs })) onLine(line);
        return 'ended';
      } catch (error) {
        if (signal.aborted) return 'ended';
        if (error instanceof ApiStatus && error.status === 410) return 'expired';
        throw failed(error);
      }
    },
    async list(url, signal) {
      const answer = await api.get(url, { timeoutMs: headersTimeoutMs, signal }).catch((error: unknown) => {
        throw failed(error);
      });
      if (answer.status !== 200) throw failed(new ApiStatus(answer.status, answer.body, url));
      return answer.body;
    },
  };
}
