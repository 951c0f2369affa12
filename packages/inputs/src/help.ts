import { cliFlag, type InputSpec, type InputTable } from './spec.js';

/** The narrowest flag column; a table with a longer flag widens it, so every description starts in one column. */
const MIN_WIDTH = 34;

/** `eks-kit <command> --help`, built from the table so it cannot drift from the flags parsed. */
export function renderHelp(table: InputTable): string {
  const flags = table.inputs.filter((spec) => spec.cli && !spec.cli.positional);
  const width = Math.max(MIN_WIDTH, ...flags.map((spec) => flagColumn(spec).length + 2));
  const lines: string[] = [`Usage: eks-kit ${table.cli.command} ${table.cli.usage}`, '', table.cli.intro.trimEnd(), ''];
  for (const spec of table.inputs.filter((s) => s.cli?.positional)) lines.push('Arguments:', `${`  ${spec.cli?.positional}`.padEnd(width)}${spec.cli?.help}`);
  // Flags listed by group, groups in the order they first appear.
  const groups = [...new Set(flags.map((spec) => spec.cli?.group ?? 'Options'))];
  for (const group of groups) {
    lines.push(`${group}:`);
    for (const spec of flags.filter((s) => (s.cli?.group ?? 'Options') === group)) lines.push(helpLine(spec, width));
  }
  lines.push(`${'  -h, --help'.padEnd(width)}this help`, '', table.cli.outro.trimEnd(), '');
  return lines.join('\n');
}

/** `  -t, --failure-threshold <sev>`: the flag as the help's first column shows it. */
function flagColumn(spec: InputSpec): string {
  const cli = spec.cli;
  if (!cli) return '';
  return `  ${cli.short ? `-${cli.short}, ` : '    '}--${cliFlag(spec) ?? spec.name}${cli.switch ? '' : ` ${cli.value ?? '<value>'}`}`;
}

function helpLine(spec: InputSpec, width: number): string {
  const cli = spec.cli;
  if (!cli) return '';
  const fallback = cli.switch ? undefined : (cli.default ?? spec.default);
  const shown = fallback && !fallback.includes('${{') ? ` (default: ${fallback})` : '';
  const repeat = cli.repeatable ? ' (repeatable)' : '';
  return `${flagColumn(spec).padEnd(width)}${cli.help}${repeat}${shown}`;
}
