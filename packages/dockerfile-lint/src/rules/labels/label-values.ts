import { derived, derivedSlot } from '../../model/derived.js';
import type { DockerfileModel, Instruction, Property } from '../../model/dockerfile.js';
import type { LabelType } from '../../config.js';
import type { Rule } from '../../rule.js';
import type { RuleMeta } from '../../types.js';

const LABELS = derivedSlot();

/** Every `LABEL key=value` of the file, with the LABEL it is in: listed once, for all the label rules. */
export function labelsOf(model: DockerfileModel): readonly { label: Property; at: Instruction }[] {
  return derived(model, LABELS, ({ instructions }) => instructions.filter((i) => i.keyword === 'LABEL').flatMap((at) => (at.properties ?? []).map((label) => ({ label, at }))));
}

/**
 * A rule that checks the values of the labels `label-schema` gives type `type`; empty values are
 * DL3051's business, and values from variables are only known at build time.
 */
export function labelValueRule(meta: RuleMeta, type: LabelType, isValid: (value: string) => boolean, problem: string): Rule {
  return {
    ...meta,
    check({ model, config, report }) {
      // Most schemas give no label this type: then there is nothing to look at.
      if (!Object.values(config.labelSchema).includes(type)) return;
      for (const { label } of labelsOf(model)) {
        if (config.labelSchema[label.name] !== type) continue;
        const value = label.value ?? '';
        if (value === '' || value.includes('$') || isValid(value)) continue;
        report(label.range, `Label \`${label.name}\` ${problem}`);
      }
    },
  };
}
