import { bySeverity, type Finding } from './finding.js';
import type { GateResult } from './gate.js';
import { formatReference } from './reference.js';
import type { Severity } from './severity.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  CRITICAL: 'error',
  HIGH: 'error',
  MEDIUM: 'warning',
  LOW: 'note',
  INFORMATIONAL: 'note',
  UNDEFINED: 'note',
};

/** GitHub orders code scanning alerts by this (0–10) for security results. */
const SECURITY_SEVERITY: Record<Severity, string> = { CRITICAL: '9.5', HIGH: '8.0', MEDIUM: '5.5', LOW: '2.0', INFORMATIONAL: '0.0', UNDEFINED: '0.0' };

export interface SarifOptions {
  version: string;
  /** Code scanning needs a file to hang results on: the image's Dockerfile. */
  artifactPath: string;
  /** The line results point at (the base image's FROM, when the caller knows it); default 1. */
  startLine?: number;
  informationUri?: string;
}

/** The line of the last FROM (the final stage's base image, where OS packages come from); undefined without one. */
export function baseImageLine(dockerfile: string): number | undefined {
  let line: number | undefined;
  dockerfile.split(/\r?\n/).forEach((text, index) => {
    if (/^\s*FROM\s/i.test(text)) line = index + 1;
  });
  return line;
}

/** Vulnerability and package name: stable across builds, digests and package versions. */
export function fingerprint(finding: Finding): string {
  return `${finding.id}/${finding.packageName ?? ''}`;
}

/**
 * SARIF 2.1.0 for code scanning: one rule per vulnerability, one result per finding and platform
 * that the policy counted. Ignored findings are left out so an accepted risk raises no alert.
 */
export function formatSarif(result: GateResult, options: SarifOptions): string {
  const image = formatReference({ ...result.reference, digest: result.resolved.digest });
  const rules = new Map<string, Finding>();
  // One result per vulnerability and package, whatever the platforms: the same alert on every build.
  const byFingerprint = new Map<string, { finding: Finding; platforms: string[] }>();
  for (const platform of result.platforms) {
    for (const finding of bySeverity(platform.verdict?.counted ?? [])) {
      if (!rules.has(finding.id)) rules.set(finding.id, finding);
      const key = fingerprint(finding);
      const entry = byFingerprint.get(key) ?? { finding, platforms: [] };
      if (platform.image.platform) entry.platforms.push(platform.image.platform);
      byFingerprint.set(key, entry);
    }
  }
  const results = [...byFingerprint.entries()].map(([key, { finding, platforms }]) => ({
    ruleId: finding.id,
    level: LEVEL[finding.severity],
    message: {
      text: `${finding.id} (${finding.severity.toLowerCase()}) in ${finding.packageName ?? 'a package'} ${finding.packageVersion ?? ''} of ${image}${platforms.length ? ` (${platforms.join(', ')})` : ''}${finding.fixedVersion ? `; fixed in ${finding.fixedVersion}` : ''}`.replace(/\s+/g, ' '),
    },
    locations: [{ physicalLocation: { artifactLocation: { uri: options.artifactPath }, region: { startLine: options.startLine ?? 1 } } }],
    // Code scanning matches alerts across runs by this: no digest or version in it, so a rebuild or a
    // patch bump that keeps the vulnerability keeps the alert, and fixing it closes the alert.
    partialFingerprints: { 'vulnerability/package': key },
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'eks-kit scan-gate',
            version: options.version,
            ...(options.informationUri ? { informationUri: options.informationUri } : {}),
            rules: [...rules.values()].map((f) => ({
              id: f.id,
              shortDescription: { text: `${f.id} in ${f.packageName ?? 'a package'}` },
              fullDescription: { text: f.title ?? f.id },
              ...(f.url ? { helpUri: f.url } : {}),
              help: { text: f.url ? `See ${f.url}` : f.id },
              defaultConfiguration: { level: LEVEL[f.severity] },
              properties: { tags: ['security', 'vulnerability'], 'security-severity': f.cvss !== undefined ? f.cvss.toFixed(1) : SECURITY_SEVERITY[f.severity] },
            })),
          },
        },
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
