import type { Instruction } from './dockerfile.js';

export interface CopyPaths {
  sources: string[];
  dest: string | undefined;
  /** Some source is a heredoc (`COPY <<EOF /etc/app.conf`). */
  heredoc: boolean;
}

function unquote(word: string): string {
  return word.replace(/^(["'])(.*)\1$/, '$2');
}

/** Sources and destination of COPY or ADD, in shell form, JSON form or with heredoc sources. */
export function copyPaths(instruction: Instruction): CopyPaths {
  const trimmed = instruction.args.trim();
  if (trimmed.startsWith('[')) {
    try {
      const value: unknown = JSON.parse(trimmed);
      if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
        const words = value as string[];
        return { sources: words.slice(0, -1), dest: words[words.length - 1], heredoc: false };
      }
    } catch {
      /* not JSON: fall through to words */
    }
  }
  if (/<<-?\s*["']?\w/.test(trimmed.split('\n')[0] ?? '')) {
    // The body lines follow the first line; only the first line names sources and destination.
    const words = (trimmed.split('\n')[0] ?? '').split(/\s+/).filter(Boolean).map(unquote);
    return { sources: words.slice(0, -1), dest: words[words.length - 1], heredoc: true };
  }
  const words = instruction.words.map(unquote);
  return { sources: words.slice(0, -1), dest: words[words.length - 1], heredoc: false };
}

/** The value of a flag such as `--from`, `--platform` or `--chmod`, if the instruction has it. */
export function flagValue(instruction: Instruction, name: string): string | undefined {
  return instruction.flags.find((f) => f.name === name)?.value ?? undefined;
}
