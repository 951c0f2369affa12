import { parseDocument } from 'yaml';
import { actionYmlInputs, actionYmlOutputs } from './action-yml.js';
import type { InputTable } from './spec.js';

/** action.yml with its `inputs:` and `outputs:` mappings replaced by the table's; the rest of the file kept as written. */
export function withTableMetadata(actionYml: string, table: InputTable): string {
  const document = parseDocument(actionYml);
  document.set('inputs', document.createNode(actionYmlInputs(table)));
  document.set('outputs', document.createNode(actionYmlOutputs(table)));
  return document.toString({ lineWidth: 0, singleQuote: true });
}

/** What action.yml's inputs and outputs get wrong against the table, one line each. */
export function actionYmlProblems(actionYml: string, table: InputTable): string[] {
  const parsed = parseDocument(actionYml).toJS() as { inputs?: Record<string, Record<string, unknown> | null>; outputs?: Record<string, Record<string, unknown> | null> };
  const declared = parsed.inputs ?? {};
  const expected = actionYmlInputs(table);
  const problems: string[] = [];
  for (const [name, spec] of Object.entries(expected)) {
    const found = declared[name];
    if (!found) {
      problems.push(`input "${name}" is in the table but not in action.yml`);
      continue;
    }
    for (const key of ['description', 'required', 'default'] as const) {
      const actual = key === 'default' && found.default !== undefined ? String(found.default) : key === 'required' ? found.required === true : found[key];
      if (actual !== spec[key]) problems.push(`input "${name}": action.yml has ${key} ${JSON.stringify(actual)}, the table ${JSON.stringify(spec[key])}`);
    }
  }
  for (const name of Object.keys(declared)) if (!(name in expected)) problems.push(`input "${name}" is in action.yml but not in the table`);
  return [...problems, ...outputProblems(parsed.outputs ?? {}, actionYmlOutputs(table))];
}

function outputProblems(declared: Record<string, Record<string, unknown> | null>, expected: Record<string, { description: string }>): string[] {
  const problems: string[] = [];
  for (const [name, spec] of Object.entries(expected)) {
    const found = declared[name];
    if (!found) problems.push(`output "${name}" is in the table but not in action.yml`);
    else if (found.description !== spec.description) problems.push(`output "${name}": action.yml has description ${JSON.stringify(found.description)}, the table ${JSON.stringify(spec.description)}`);
  }
  for (const name of Object.keys(declared)) if (!(name in expected)) problems.push(`output "${name}" is in action.yml but not in the table`);
  return problems;
}
