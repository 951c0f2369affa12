import type { Rule } from '../../rule.js';

// `$NAME`, or `${NAME}` / `${NAME:-default}`: the whole name, never a prefix of a longer one.
const REFERENCE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?=[:}]|$)|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * For each name, the first two pairs of one ENV whose values refer to it: enough to find a user
 * other than the pair itself. One pass over the values, where asking every pair about every
 * other was quadratic (an ENV of 100k pairs took a minute).
 */
function usersByName(values: readonly (string | undefined)[]): Map<string, number[]> {
  const users = new Map<string, number[]>();
  values.forEach((value, index) => {
    if (!value?.includes('$')) return;
    for (const match of value.matchAll(REFERENCE)) {
      const name = match[1] ?? match[2] ?? '';
      const list = users.get(name);
      if (!list) users.set(name, [index]);
      else if (list.length < 2 && list[list.length - 1] !== index) list.push(index);
    }
  });
  return users;
}

/**
 * `ENV A=1 B=$A` expands `$A` before A is set, so B gets A's old value (usually empty). A name
 * declared by an earlier ARG or ENV has a value to expand, so that is left alone.
 */
export const dl3044: Rule = {
  code: 'DL3044',
  severity: 'error',
  category: 'correctness',
  title: 'Do not refer to an environment variable within the same ENV statement where it is defined',
  hadolint: true,
  check({ model, report }) {
    const declared = new Set<string>();
    for (const instruction of model.instructions) {
      const properties = instruction.properties ?? [];
      if (instruction.keyword === 'ENV') {
        const users = usersByName(properties.map((p) => p.value));
        for (const [i, property] of properties.entries()) {
          if (declared.has(property.name)) continue;
          const j = users.get(property.name)?.find((index) => index !== i);
          const user = j === undefined ? undefined : properties[j];
          if (user) report(user.range, `\`${user.name}\` refers to \`${property.name}\`, which this same ENV defines: it expands to the old value. Split the ENV in two`);
        }
      }
      if (instruction.keyword === 'ENV' || instruction.keyword === 'ARG') properties.forEach((p) => declared.add(p.name));
    }
  },
};
