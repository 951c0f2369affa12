import type { Rule } from '../rule.js';
import { helpUri, isShellcheckCode } from '../rule-links.js';
import type { Category, Finding, Severity } from '../types.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', style: 'note' };
// GitHub code scanning ranks security alerts by this property (CVSS-like scale).
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '2.0', style: '1.0' };

export interface SarifOptions {
  rules: readonly Rule[];
  version: string;
  /** Where rule pages live, e.g. the repository's docs/rules/ URL. */
  helpBaseUri: string;
}

/**
 * SARIF 2.1.0 for github/codeql-action/upload-sarif. File URIs are relative to the repository
 * root (uriBaseId %SRCROOT%), which is what code scanning expects.
 */
export function formatSarif(findings: readonly Finding[], options: SarifOptions): string {
  const used = new Set(findings.map((f) => f.code));
  const rules: SarifRule[] = [...options.rules.filter((r) => used.has(r.code)), ...shellcheckRules(findings)];
  const ruleIndex = new Map(rules.map((r, i) => [r.code, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'eks-kit lint',
            informationUri: options.helpBaseUri,
            semanticVersion: options.version,
            rules: rules.map((rule) => ({
              id: rule.code,
              name: rule.code,
              shortDescription: { text: rule.title },
              helpUri: helpUri(rule, options.helpBaseUri),
              defaultConfiguration: { level: LEVEL[rule.severity] },
              properties: {
                // The schema requires unique tags; code scanning treats `security` as the security tag.
                tags: [rule.category],
                ...(rule.category === 'security' ? { 'security-severity': SECURITY_SEVERITY[rule.severity] } : {}),
              },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: 'file:///' } },
        results: findings.map((finding) => ({
          ruleId: finding.code,
          ...(ruleIndex.has(finding.code) ? { ruleIndex: ruleIndex.get(finding.code) } : {}),
          level: LEVEL[finding.severity],
          message: { text: finding.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(finding.file.split('\\').join('/')), uriBaseId: '%SRCROOT%' },
                region: {
                  startLine: finding.range.startLine,
                  startColumn: finding.range.startColumn,
                  endLine: finding.range.endLine,
                  endColumn: Math.max(finding.range.endColumn, finding.range.startColumn + 1),
                },
              },
            },
          ],
          partialFingerprints: { 'eksKitFinding/v2': finding.fingerprint ?? `${finding.code}:${finding.file}:${finding.range.startLine}:${finding.range.startColumn}` },
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

type SarifRule = Pick<Rule, 'code' | 'title' | 'severity' | 'category'> & Partial<Pick<Rule, 'hadolint' | 'buildkit'>>;

/** ShellCheck's codes are not in the rule table: one entry per code used, titled by its first message. */
function shellcheckRules(findings: readonly Finding[]): SarifRule[] {
  const byCode = new Map<string, SarifRule>();
  for (const finding of findings) {
    if (!isShellcheckCode(finding.code) || byCode.has(finding.code)) continue;
    byCode.set(finding.code, { code: finding.code, title: `ShellCheck ${finding.code}: ${finding.message}`, severity: finding.severity, category: 'correctness' satisfies Category });
  }
  return [...byCode.values()];
}
