import { cliFlag, type InputSpec, type InputTable } from './spec.js';

const WIDTH = 34;

/** `eks-kit <command> --help`, built from the table so it cannot drift from the flags parsed. */
export function renderHelp(table: InputTable): string {
  const lines: string[] = [`Usage: eks-kit ${table.cli.command} ${table.cli.usage}`, '', table.cli.intro.trimEnd(), ''];
  for (const spec of table.inputs.filter((s) => s.cli?.positional)) lines.push('Arguments:', `${`  ${spec.cli?.positional}`.padEnd(WIDTH)}${spec.cli?.help}`);
  // Flags listed by group, groups in the order they first appear.
  const flags = table.inputs.filter((spec) => spec.cli && !spec.cli.positional);
  const groups = [...new Set(flags.map((spec) => spec.cli?.group ?? 'Options'))];
  for (const group of groups) {
    lines.push(`${group}:`);
    for (const spec of flags.filter((s) => (s.cli?.group ?? 'Options') === group)) lines.push(helpLine(spec));
  }
  lines.push(`${'  -h, --help'.padEnd(WIDTH)}this help`, '', table.cli.outro.trimEnd(), '');
  return lines.join('\n');
}

function helpLine(spec: InputSpec): string {
  const cli = spec.cli;
  if (!cli) return '';
  const flag = cliFlag(spec);
  const name = `${cli.short ? `-${cli.short}, ` : '    '}--${flag ?? spec.name}${cli.switch ? '' : ` ${cli.value ?? '<value>'}`}`;
  const fallback = cli.switch ? undefined : (cli.default ?? spec.default);
  const shown = fallback && !fallback.includes('${{') ? ` (default: ${fallback})` : '';
  const repeat = cli.repeatable ? ' (repeatable)' : '';
  const column = `  ${name}`;
  return `${column.length < WIDTH - 1 ? column.padEnd(WIDTH) : `${column}  `}${cli.help}${repeat}${shown}`;
}

