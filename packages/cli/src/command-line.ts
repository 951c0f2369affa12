import { commandLineSource, renderHelp, TableReader, type InputTable } from '@eks-kit/inputs';
import type { CliIO } from './command.js';

/** The command's flags parsed by its table; undefined when --help was asked for (and printed). */
export function readCommandLine<Name extends string>(table: InputTable<Name>, argv: string[], io: CliIO): TableReader<Name> | undefined {
  const { source, help } = commandLineSource(table, argv);
  if (help) {
    io.stdout(renderHelp(table));
    return undefined;
  }
  return new TableReader(table, source);
}
