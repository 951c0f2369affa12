import { cliFlag, type InputTable } from './spec.js';

/** The lines of a `## <title>` (or deeper) section, up to the next heading of the same level. */
export function markdownSection(markdown: string, heading: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.trim() === heading);
  if (start < 0) return [];
  const level = /^#+/.exec(heading)?.[0] ?? '##';
  const end = lines.findIndex((line, i) => i > start && new RegExp(`^#{1,${level.length}} `).test(line));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** A Markdown table's body rows, as cells (header and rule rows left out). */
function tableRows(lines: string[]): string[][] {
  return lines
    .filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line))
    .slice(1)
    .map((line) => line.split(/(?<!\\)\|/).slice(1, -1).map((cell) => cell.replace(/\\\|/g, '|').trim()));
}

const codeSpans = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1] ?? '');

/**
 * What docs/actions/<action>.md's Inputs table gets wrong against the table: inputs missing or
 * extra, and a default column that does not show the table's default.
 */
export function actionDocsProblems(table: InputTable, markdown: string): string[] {
  const rows = tableRows(markdownSection(markdown, '## Inputs'));
  const expected = table.inputs.filter((spec) => spec.action !== false);
  const problems: string[] = [];
  const documented = new Map<string, string>();
  for (const row of rows) for (const name of codeSpans(row[0] ?? '')) documented.set(name, row[1] ?? '');
  for (const spec of expected) {
    const cell = documented.get(spec.name);
    if (cell === undefined) {
      problems.push(`input "${spec.name}" is not in the Inputs table`);
      continue;
    }
    const literal = spec.default && !spec.default.includes('${{') ? spec.default : undefined;
    if (literal && !codeSpans(cell).includes(literal)) problems.push(`input "${spec.name}": the default column should show \`${literal}\`, not "${cell}"`);
    if (spec.required && !/required/i.test(cell)) problems.push(`input "${spec.name}": the default column should say it is required`);
  }
  for (const name of documented.keys()) if (!expected.some((spec) => spec.name === name)) problems.push(`"${name}" is in the Inputs table but is no input of ${table.action}`);
  return [...problems, ...outputDocsProblems(table, markdown)];
}

/** The Outputs table: every output of the table in a row's first column, and nothing else there. */
function outputDocsProblems(table: InputTable, markdown: string): string[] {
  const documented = new Set(tableRows(markdownSection(markdown, '## Outputs')).flatMap((row) => codeSpans(row[0] ?? '')));
  const names = table.outputs.map((output) => output.name);
  const problems = names.filter((name) => !documented.has(name)).map((name) => `output "${name}" is not in the Outputs table`);
  for (const name of documented) if (!names.includes(name)) problems.push(`"${name}" is in the Outputs table but is no output of ${table.action}`);
  return problems;
}

/** What docs/cli.md's options table for the command gets wrong: flags missing or extra. */
export function cliDocsProblems(table: InputTable, markdown: string): string[] {
  const rows = tableRows(markdownSection(markdown, `## \`eks-kit ${table.cli.command}\``));
  const documented = new Set(rows.flatMap((row) => codeSpans(row[0] ?? '').flatMap((span) => [...span.matchAll(/(?:^|[\s,/])--([a-z][a-z0-9-]*)/g)].map((m) => m[1] ?? ''))));
  const flags = table.inputs.map(cliFlag).filter((flag): flag is string => flag !== undefined);
  const problems = flags.filter((flag) => !documented.has(flag)).map((flag) => `--${flag} is not in the options table of eks-kit ${table.cli.command}`);
  for (const flag of documented) if (!flags.includes(flag) && flag !== 'help') problems.push(`--${flag} is in the options table of eks-kit ${table.cli.command} but is no flag of it`);
  return problems;
}
