import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { actionDocsProblems, cliDocsProblems, type InputTable } from '../src/index.js';
import { actionYmlProblems, withTableMetadata } from '../src/action-yml-text.js';
import { ALL_TABLES } from '../src/all.js';
import { repoFile } from './repo-files.js';

/** A copy of the table with one input changed. */
function mutated(table: InputTable, name: string, change: Record<string, unknown>): InputTable {
  return { ...table, inputs: table.inputs.map((spec) => (spec.name === name ? { ...spec, ...change } : spec)) };
}

const cliDocs = repoFile('docs/cli.md');

describe.each(ALL_TABLES.map((table) => [table.action, table] as const))('%s', (action, table) => {
  const actionYml = repoFile(`${action}/action.yml`);
  const docs = repoFile(`docs/actions/${action}.md`);
  const first = table.inputs.find((spec) => spec.action !== false && spec.default && !spec.default.includes('${{'));
  const flagged = table.inputs.find((spec) => spec.cli && !spec.cli.positional);

  it('agrees with action.yml, docs/actions and docs/cli.md', () => {
    expect(actionYmlProblems(actionYml, table)).toEqual([]);
    expect(actionDocsProblems(table, docs)).toEqual([]);
    expect(cliDocsProblems(table, cliDocs)).toEqual([]);
  });

  it('generates the action.yml it is checked against, leaving the rest of the file as it was', () => {
    const written = withTableMetadata(actionYml, table);
    expect(actionYmlProblems(written, table)).toEqual([]);
    const { inputs: _ignored, outputs: _outputs, ...rest } = parse(written) as Record<string, unknown>;
    const { inputs: _before, outputs: _outputsBefore, ...restBefore } = parse(actionYml) as Record<string, unknown>;
    expect(rest).toEqual(restBefore);
  });

  it('fails when an output differs from action.yml or is missing from the Outputs table, and writes outputs from the table', () => {
    const output = table.outputs[0]!;
    const changed = { ...table, outputs: table.outputs.map((o) => (o === output ? { ...o, description: 'Changed.' } : o)) };
    expect(actionYmlProblems(actionYml, changed)).toEqual([expect.stringContaining(`output "${output.name}": action.yml has description`)]);
    const renamed = { ...table, outputs: table.outputs.map((o) => (o === output ? { ...o, name: 'renamed-output' } : o)) };
    expect(actionYmlProblems(actionYml, renamed)).toEqual([`output "renamed-output" is in the table but not in action.yml`, `output "${output.name}" is in action.yml but not in the table`]);
    expect(actionDocsProblems(renamed, docs)).toEqual([`output "renamed-output" is not in the Outputs table`, `"${output.name}" is in the Outputs table but is no output of ${action}`]);
    // A row may name several outputs (lint: `errors`, `warnings`, …): drop the Outputs row naming this one.
    const outputsAt = docs.indexOf('\n## Outputs\n');
    const [before, after] = [docs.slice(0, outputsAt), docs.slice(outputsAt)];
    const withoutRow = before + after.split('\n').filter((line) => !(line.startsWith('|') && (line.split('|')[1] ?? '').includes(`\`${output.name}\``))).join('\n');
    expect(withoutRow).not.toEqual(docs);
    expect(actionDocsProblems(table, withoutRow)).toContain(`output "${output.name}" is not in the Outputs table`);
    // Rewriting a hand-edited action.yml puts the table's outputs back.
    const edited = actionYml.replace(`    description: ${JSON.stringify(output.description).slice(1, -1)}`, '    description: edited by hand');
    expect(actionYmlProblems(withTableMetadata(edited, table), table)).toEqual([]);
    expect((parse(withTableMetadata(edited, table)) as { outputs: Record<string, unknown> }).outputs).toEqual(Object.fromEntries(table.outputs.map((o) => [o.name, { description: o.description }])));
  });

  it('fails when a default, a description or an input differs from action.yml', () => {
    expect(first).toBeDefined();
    const name = first?.name ?? '';
    expect(actionYmlProblems(actionYml, mutated(table, name, { default: 'changed' }))).toEqual([expect.stringContaining(`input "${name}": action.yml has default`)]);
    expect(actionYmlProblems(actionYml, mutated(table, name, { description: 'Changed.' }))).toEqual([expect.stringContaining('description')]);
    expect(actionYmlProblems(actionYml, mutated(table, name, { name: 'renamed' }))).toEqual(
      expect.arrayContaining([expect.stringContaining('"renamed" is in the table but not in action.yml'), expect.stringContaining(`"${name}" is in action.yml but not in the table`)]),
    );
    const withoutInput = actionYml.replace(new RegExp(`^  ${name}:\\n(    .*\\n)+`, 'm'), '');
    expect(withoutInput).not.toEqual(actionYml);
    expect(actionYmlProblems(withoutInput, table)).toEqual([`input "${name}" is in the table but not in action.yml`]);
  });

  it('fails when the docs lose an input or show another default', () => {
    const name = first?.name ?? '';
    expect(actionDocsProblems(mutated(table, name, { default: 'changed' }), docs)).toEqual([expect.stringContaining(`input "${name}": the default column should show \`changed\``)]);
    const withoutRow = docs.split('\n').filter((line) => !line.startsWith(`| \`${name}\` |`)).join('\n');
    expect(actionDocsProblems(table, withoutRow)).toContain(`input "${name}" is not in the Inputs table`);
  });

  it('fails when docs/cli.md loses a flag or names one the command lacks', () => {
    const flag = flagged?.cli?.flag ?? flagged?.name ?? '';
    expect(flag).not.toBe('');
    expect(cliDocsProblems(mutated(table, flagged?.name ?? '', { cli: { ...flagged?.cli, flag: 'renamed-flag' } }), cliDocs)).toEqual(
      expect.arrayContaining([`--renamed-flag is not in the options table of eks-kit ${table.cli.command}`, `--${flag} is in the options table of eks-kit ${table.cli.command} but is no flag of it`]),
    );
  });
});
