import type { Rule } from '../../rule.js';

/**
 * Kubernetes' `runAsNonRoot` can only verify a numeric user; a name must be looked up in the
 * image's /etc/passwd, which the host and admission policies cannot do.
 */
export const dl3066: Rule = {
  code: 'DL3066',
  severity: 'info',
  category: 'security',
  title: 'A non-numeric user id may not be resolvable by the host: use `USER <uid>`',
  hadolint: true,
  check({ model, report }) {
    const args = new Set<string>();
    for (const instruction of model.instructions) {
      if (instruction.keyword === 'ARG') instruction.properties?.forEach((p) => args.add(p.name));
      if (instruction.keyword !== 'USER') continue;
      const user = (instruction.args.trim().split(':')[0] ?? '').trim();
      if (/^\d+$/.test(user)) continue;
      const variable = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(user)?.[1];
      if (variable !== undefined && args.has(variable)) continue;
      report(instruction);
    }
  },
};
