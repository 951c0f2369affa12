import type { InputTable } from './spec.js';

export interface ActionYmlInput {
  description: string;
  required: boolean;
  default?: string;
}

/** The `outputs:` mapping of <action>/action.yml, as the table defines it. */
export function actionYmlOutputs(table: InputTable): Record<string, { description: string }> {
  return Object.fromEntries(table.outputs.map((output) => [output.name, { description: output.description }]));
}

/** The `inputs:` mapping of <action>/action.yml, as the table defines it. */
export function actionYmlInputs(table: InputTable): Record<string, ActionYmlInput> {
  const inputs: Record<string, ActionYmlInput> = {};
  for (const spec of table.inputs) {
    if (spec.action === false) continue;
    inputs[spec.name] = {
      description: spec.description,
      required: spec.required === true,
      ...(spec.required ? {} : { default: spec.default ?? '' }),
    };
  }
  return inputs;
}
