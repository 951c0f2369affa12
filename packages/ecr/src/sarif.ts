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
  informationUri?: string;
}

/**
 * SARIF 2.1.0 for code scanning: one rule per vulnerability, one result per finding and platform
 * that the policy counted. Ignored findings are left out so an accepted risk raises no alert.
 */
export function formatSarif(result: GateResult, options: SarifOptions): string {
  const image = formatReference({ ...result.reference, digest: result.resolved.digest });
  const rules = new Map<string, Finding>();
  const results: object[] = [];
  for (const platform of result.platforms) {
    for (const finding of bySeverity(platform.verdict?.counted ?? [])) {
      if (!rules.has(finding.id)) rules.set(finding.id, finding);
      const where = platform.image.platform ? ` (${platform.image.platform})` : '';
      results.push({
        ruleId: finding.id,
        level: LEVEL[finding.severity],
        message: {
          text: `${finding.id} (${finding.severity.toLowerCase()}) in ${finding.packageName ?? 'a package'} ${finding.packageVersion ?? ''} of ${image}${where}${finding.fixedVersion ? `; fixed in ${finding.fixedVersion}` : ''}`.replace(/\s+/g, ' '),
        },
        locations: [{ physicalLocation: { artifactLocation: { uri: options.artifactPath }, region: { startLine: 1 } } }],
        partialFingerprints: { imageFinding: `${platform.image.digest}/${finding.id}/${finding.packageName ?? ''}` },
      });
    }
  }
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
