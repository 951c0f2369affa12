/**
 * Newline-delimited text as it arrives in chunks (a watch's JSON events, through kubectl's stdout
 * or an in-process stream): the complete, non-blank lines of each chunk, trimmed; a line cut
 * between two chunks comes whole with the second.
 */
export function lineSplitter(): { push: (chunk: string) => string[]; rest: () => string | undefined } {
  let buffer = '';
  return {
    push(chunk) {
      buffer += chunk;
      const lines: string[] = [];
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl).trim();
        buffer = buffer.slice(nl + 1);
        if (line) lines.push(line);
      }
      return lines;
    },
    /** What followed the last newline, when the text ended without one. */
    rest: () => buffer.trim() || undefined,
  };
}
