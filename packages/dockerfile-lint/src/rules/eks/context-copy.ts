import type { Instruction } from '../../model/dockerfile.js';

// Sources that name the whole build context (or everything at its top level).
const WHOLE_CONTEXT = new Set(['.', './', './.', '*', './*', '/', '.*']);

/** Sources and destination of a COPY/ADD, for the shell form and the JSON form alike. */
export function copyOperands(instruction: Instruction): { sources: string[]; destination: string | undefined } {
  let words = instruction.words;
  const trimmed = instruction.args.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed) && parsed.every((w) => typeof w === 'string')) words = parsed as string[];
    } catch {
      /* not JSON: Docker reads it as words */
    }
  }
  // A heredoc COPY (`COPY <<EOF /file`) has no context sources at all.
  if (instruction.heredocs) return { sources: [], destination: words.find((w) => !w.startsWith('<<')) };
  return { sources: words.slice(0, -1), destination: words.at(-1) };
}

/**
 * Whether a COPY/ADD copies the whole build context: `COPY . .`, `COPY ./ /app`, `ADD . /src`.
 * A copy from another stage or image (`--from`) is not the build context.
 */
export function copiesWholeContext(instruction: Instruction): boolean {
  if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') return false;
  if (instruction.flags.some((flag) => flag.name === 'from')) return false;
  return copyOperands(instruction).sources.some((source) => WHOLE_CONTEXT.has(source));
}

/** How a message names the copy: the instruction as written, on one line. */
export function copyText(instruction: Instruction): string {
  const { sources, destination } = copyOperands(instruction);
  return `${instruction.keyword} ${[...sources, destination ?? ''].join(' ')}`.trim();
}
