import type { Logger } from '@eks-kit/core';

/** Streams a program's output into the log line by line, so progress shows while it runs. */
export function lineLogger(logger: Logger): { onStdout: (chunk: string) => void; onStderr: (chunk: string) => void; flush: () => void } {
  const pending = { out: '', err: '' };
  const feed = (key: 'out' | 'err', chunk: string) => {
    const text = pending[key] + chunk;
    const lines = text.split(/\r?\n/);
    pending[key] = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) logger.info(line);
  };
  return {
    onStdout: (chunk) => feed('out', chunk),
    onStderr: (chunk) => feed('err', chunk),
    flush: () => {
      for (const key of ['out', 'err'] as const) {
        if (pending[key].trim()) logger.info(pending[key]);
        pending[key] = '';
      }
    },
  };
}
