/** Small helpers for job summaries: GitHub-flavoured Markdown that survives any cell content. */
export function escapeCell(value: string): string {
  // Inside `code spans` entities and backslash escapes show literally, so only the pipe (which
  // would end the cell) is escaped there; outside them `<` cannot open an HTML tag.
  return value
    .replace(/\r?\n/g, ' ')
    .split(/(`[^`]*`)/)
    .map((part, index) => (index % 2 === 1 ? part.replace(/\|/g, '\\|') : part.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;')))
    .join('');
}

export function table(headers: string[], rows: string[][]): string {
  const head = `| ${headers.join(' | ')} |`;
  const rule = `| ${headers.map(() => '---').join(' | ')} |`;
  return [head, rule, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n') + '\n';
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
