import type { Rule } from '../../rule.js';

// Whole names that are credentials by convention, and fragments that usually mean one.
const KNOWN = new Set([
  'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'GITHUB_TOKEN', 'GH_TOKEN', 'NPM_TOKEN', 'NPM_AUTH_TOKEN',
  'DOCKER_PASSWORD', 'DOCKERHUB_PASSWORD', 'POSTGRES_PASSWORD', 'MYSQL_ROOT_PASSWORD', 'VAULT_TOKEN', 'OPENAI_API_KEY', 'SLACK_TOKEN',
]);
const FRAGMENTS = ['password', 'passwd', 'secret', 'token', 'api_key', 'apikey', 'client_key', 'private_key', 'access_key'];
// Names that contain a fragment but name a place or a switch, not the secret itself.
const HARMLESS = /(_FILE|_PATH|_DIR|_URL|_ENDPOINT|_ENABLED)$/i;

function isSensitive(name: string): boolean {
  const upper = name.toUpperCase();
  if (KNOWN.has(upper)) return true;
  const lower = name.toLowerCase();
  return FRAGMENTS.some((f) => lower.includes(f)) && !HARMLESS.test(name);
}

/**
 * ARG and ENV values are kept in the image history and config, readable by anyone who can pull
 * it. Secrets belong in `RUN --mount=type=secret`.
 */
export const dl3064: Rule = {
  code: 'DL3064',
  severity: 'warning',
  category: 'security',
  title: 'Potentially sensitive data should not be used in ARG or ENV: pass it with RUN --mount=type=secret',
  hadolint: true,
  check({ model, report }) {
    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'ARG' && instruction.keyword !== 'ENV') continue;
      for (const property of instruction.properties ?? []) {
        if (isSensitive(property.name)) report(property.range, `\`${property.name}\` looks like a secret; ${instruction.keyword} values stay in the image metadata. Use RUN --mount=type=secret`);
      }
    }
  },
};
