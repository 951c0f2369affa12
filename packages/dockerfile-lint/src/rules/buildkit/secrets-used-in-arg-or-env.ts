import type { Rule } from '../../rule.js';
import { buildkitMeta } from './meta.js';

// BuildKit's test: some word of the name (words split by `_`) is a secret-like token, and no
// word says it is public, a file or a version. `AWS_SECRET_ACCESS_KEY` yes, `SECRET_FILE` no.
const SECRET_WORDS = new Set(['apikey', 'auth', 'credential', 'credentials', 'key', 'password', 'pword', 'passwd', 'secret', 'token']);
const ALLOWED_WORDS = new Set(['public', 'file', 'version']);

export function looksSecret(name: string): boolean {
  const words = name.toLowerCase().split('_');
  return words.some((w) => SECRET_WORDS.has(w)) && !words.some((w) => ALLOWED_WORDS.has(w));
}

/**
 * ARG and ENV in a stage whose name says it holds a secret: the value stays in the image
 * metadata. BuildKit does not look at ARGs before the first FROM. Where DL3064 flags the same
 * name, the two are one finding. Info rather than warning: BuildKit's word match also takes
 * names such as `GPG_KEY`, which official images use for a public key's fingerprint.
 */
export const secretsUsedInArgOrEnv: Rule = {
  ...buildkitMeta('SecretsUsedInArgOrEnv', 'info', 'security', 'Sensitive data should not be used in ARG or ENV: pass it with RUN --mount=type=secret', { joins: 'DL3064' }),
  check({ model, report }) {
    for (const instruction of model.instructions) {
      if ((instruction.keyword !== 'ARG' && instruction.keyword !== 'ENV') || instruction.stage === undefined) continue;
      for (const property of instruction.properties ?? []) {
        if (looksSecret(property.name)) report(property.range, `Do not use ${instruction.keyword} for sensitive data (\`${property.name}\`): use RUN --mount=type=secret`);
      }
    }
  },
};
