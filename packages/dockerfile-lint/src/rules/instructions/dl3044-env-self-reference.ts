import type { Rule } from '../../rule.js';

/** `$NAME` or `${NAME…}` in `text`, not `$NAMEX`. */
function references(text: string, rawName: string): boolean {
  if (!text.includes('$') || !text.includes(rawName)) return false;
  const name = rawName.replace(/[^A-Za-z0-9_]/g, (c) => `\\${c}`);
  return new RegExp(`\\$(\\{${name}([:}]|$)|${name}(?![A-Za-z0-9_]))`).test(text);
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
        for (const [i, property] of properties.entries()) {
          if (declared.has(property.name)) continue;
          const user = properties.find((other, j) => j !== i && references(other.value ?? '', property.name));
          if (user) report(user.range, `\`${user.name}\` refers to \`${property.name}\`, which this same ENV defines: it expands to the old value. Split the ENV in two`);
        }
      }
      if (instruction.keyword === 'ENV' || instruction.keyword === 'ARG') properties.forEach((p) => declared.add(p.name));
    }
  },
};
