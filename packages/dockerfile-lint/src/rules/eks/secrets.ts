const CREDENTIAL_PATTERNS: { kind: string; pattern: RegExp }[] = [
  { kind: 'an AWS access key ID', pattern: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { kind: 'a GitHub token', pattern: /\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b/ },
  { kind: 'an npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/ },
  { kind: 'a Slack token', pattern: /\bxox[abpr]-[A-Za-z0-9-]{10,}\b/ },
  { kind: 'a private key', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
];

// One cheap scan first: almost no instruction contains any of these prefixes.
const ANY_PREFIX = /AKIA|ASIA|gh[pousr]_|github_pat_|npm_|xox[abpr]-|-----BEGIN/;

/** What kind of credential a literal value is, if it matches a well-known token format. */
export function credentialKind(value: string): string | undefined {
  if (!ANY_PREFIX.test(value)) return undefined;
  return CREDENTIAL_PATTERNS.find(({ pattern }) => pattern.test(value))?.kind;
}

// Files whose purpose is to hold a credential. `.env` counts: it is where local secrets live.
const CREDENTIAL_FILE = /(^|\/)(\.npmrc|\.pypirc|\.netrc|_netrc|\.git-credentials|\.dockercfg|\.env|id_(rsa|dsa|ecdsa|ed25519)|\.docker\/config\.json|\.aws\/credentials|\.ssh|\.kube\/config|kubeconfig|\.gnupg)$/;

/** Whether a COPY/ADD source names a credential file (`.npmrc`, `~/.ssh`, `.aws/credentials`). */
export function isCredentialFile(source: string): boolean {
  return CREDENTIAL_FILE.test(source.replace(/\/+$/, ''));
}
