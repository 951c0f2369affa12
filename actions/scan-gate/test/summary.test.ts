import { describe, expect, it } from '@jest/globals';
import { BatchGetImageCommand, type EnhancedImageScanFinding } from '@aws-sdk/client-ecr';
import { MemoryLogger } from '@eks-kit/core';
import { runScanGate, type EcrCommand, type Policy } from '@eks-kit/ecr';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { commentMarker, fitComment, MAX_COMMENT, pullRequestFromEvent } from '../src/pr-comment.js';
import { renderSummary } from '../src/summary.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const POLICY: Policy = { thresholds: { HIGH: 1 }, failOn: 'CRITICAL', fixableOnly: false, allowlist: [], acceptStatuses: [] };

function enhanced(id: string, severity: string, pkg: string, fixed?: string): EnhancedImageScanFinding {
  return {
    severity,
    fixAvailable: fixed ? 'YES' : 'NO',
    packageVulnerabilityDetails: { vulnerabilityId: id, sourceUrl: `https://nvd.nist.gov/vuln/detail/${id}`, vulnerablePackages: [{ name: pkg, version: '1.0', ...(fixed ? { fixedInVersion: fixed } : {}) }] },
  };
}

async function gate(findings: EnhancedImageScanFinding[], policy: Policy = POLICY) {
  const client = {
    async send(command: EcrCommand): Promise<unknown> {
      if (command instanceof BatchGetImageCommand) return { images: [{ imageId: { imageDigest: DIGEST }, imageManifestMediaType: 'application/vnd.oci.image.manifest.v1+json', imageManifest: '{}' }] };
      return { imageScanStatus: { status: 'ACTIVE' }, imageScanFindings: { enhancedFindings: findings, imageScanCompletedAt: new Date('2026-06-01T00:00:00Z') } };
    },
  };
  const clock = { now: () => Date.parse('2026-06-01T00:00:00Z'), sleep: async () => undefined };
  return runScanGate({ client, clock, logger: new MemoryLogger(), reference: { repository: 'shop/web', tag: 'pr-7' }, policy, wait: { pollInitialMs: 1, pollMaxMs: 1, startScan: true }, timeoutMs: 60_000 });
}

describe('renderSummary', () => {
  it('puts the verdict first and lists only the deciding findings, most severe first, linked', async () => {
    const result = await gate([enhanced('CVE-3', 'MEDIUM', 'c'), enhanced('CVE-2', 'HIGH', 'b', '2.0'), enhanced('CVE-1', 'CRITICAL', 'a|pipe'), enhanced('CVE-4', 'HIGH', 'd')]);
    const markdown = renderSummary(result, POLICY);
    expect(markdown.split('\n').slice(0, 3)).toEqual(['## Image scan: `shop/web:pr-7`', '', '❌ **Failed**: 1 critical (limit 0), 2 high (limit 1)']);
    const rows = markdown.split('\n').filter((l) => l.includes('[CVE-'));
    expect(rows).toEqual([
      '| 🟣 | [CVE-1](https://nvd.nist.gov/vuln/detail/CVE-1) | a\\|pipe | 1.0 | no fix |  |',
      '| 🔴 | [CVE-2](https://nvd.nist.gov/vuln/detail/CVE-2) | b | 1.0 | 2.0 |  |',
      '| 🔴 | [CVE-4](https://nvd.nist.gov/vuln/detail/CVE-4) | d | 1.0 | no fix |  |',
    ]);
    expect(markdown).toContain('| 🟠 medium | 1 | — |');
  });

  it('on a pass lists the counted findings under their own heading', async () => {
    const result = await gate([enhanced('CVE-3', 'MEDIUM', 'c')]);
    const markdown = renderSummary(result, POLICY);
    expect(markdown).toContain('✅ **Passed**');
    expect(markdown).toContain('### Counted findings');
  });
});

describe('pull request comment', () => {
  it('finds the pull request number in the event payload', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'event-'));
    const event = path.join(dir, 'event.json');
    writeFileSync(event, JSON.stringify({ pull_request: { number: 42 } }));
    expect(pullRequestFromEvent({ GITHUB_REPOSITORY: 'acme/shop', GITHUB_EVENT_PATH: event })).toEqual({ owner: 'acme', repo: 'shop', number: 42 });
    writeFileSync(event, JSON.stringify({ ref: 'refs/heads/main' }));
    expect(pullRequestFromEvent({ GITHUB_REPOSITORY: 'acme/shop', GITHUB_EVENT_PATH: event })).toBeUndefined();
    expect(pullRequestFromEvent({ GITHUB_REPOSITORY: 'acme/shop' })).toBeUndefined();
  });

  it('keeps one marker per repository and fits GitHub’s comment limit', () => {
    expect(commentMarker('shop/web')).toBe('<!-- eks-kit:scan-gate shop/web -->');
    const long = `${commentMarker('a')}\n${'| row |\n'.repeat(20_000)}`;
    const fitted = fitComment(long);
    expect(fitted.length).toBeLessThanOrEqual(MAX_COMMENT);
    expect(fitted.startsWith(commentMarker('a'))).toBe(true);
    expect(fitted).toMatch(/the job summary has all of it\.\n$/);
  });
});
