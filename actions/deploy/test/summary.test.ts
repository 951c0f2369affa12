import { describe, expect, it } from '@jest/globals';
import type { DeployResult } from '@eks-kit/kube';
import { clip, headline, renderSummary } from '../src/summary.js';

function failed(): DeployResult {
  return {
    status: 'failure',
    resources: [
      { kind: 'ConfigMap', name: 'settings', namespace: 'shop', state: 'applied', message: 'applied', durationMs: 0 },
      { kind: 'Deployment', name: 'web', namespace: 'shop', state: 'failed', message: 'its pod is failing; web-1: crashing | exit 1', durationMs: 2300, revisionBefore: '3', revisionAfter: '4' },
    ],
    diagnostics: [{ resource: 'Deployment/web', events: ['Warning BackOff: Back-off restarting failed container'], pods: [{ pod: 'web-1', reason: 'crashing', events: [], logs: [{ container: 'web', previous: true, lines: ['panic: ```boom```'] }] }] }],
    rollbacks: [{ kind: 'Deployment', name: 'web', namespace: 'shop', action: 'rolled-back', message: 'rolled back', toRevision: '3' }],
    rollbackVerification: [],
    rolledBack: true,
    pruned: [],
    durationMs: 5000,
  };
}

describe('job summary', () => {
  it('leads with the verdict and the revision it went back to', () => {
    expect(headline(failed(), 'prod/shop')).toBe('Deploy to prod/shop: ❌ FAILED (rolled back to revision 3)');
    expect(headline({ ...failed(), status: 'success', rollbacks: [] }, 'prod/shop')).toBe('Deploy to prod/shop: ✅ SUCCESS');
  });

  it('has a row per resource, escaped, and the diagnostics with the previous container logs', () => {
    const text = renderSummary(failed(), 'prod/shop', [], { run: 'https://github.com/acme/shop/actions/runs/1' });
    expect(text).toContain('| Deployment/web | shop | ❌ failed | 3 → 4 | 2.3 s | its pod is failing; web-1: crashing \\| exit 1 |');
    expect(text).toContain('Last log lines of `web` (previous container)');
    // Log lines cannot close the code fence they sit in.
    expect(text).toContain("panic: '''boom'''");
    expect(text).toContain('[Workflow run](https://github.com/acme/shop/actions/runs/1)');
  });
});

describe('clip', () => {
  it('cuts a long status at a word boundary with an ellipsis, never mid-word', () => {
    const long = `${'word '.repeat(70)}tail`;
    const cut = clip(long);
    expect(cut.length).toBeLessThanOrEqual(300);
    expect(cut.endsWith('word…')).toBe(true);
    expect(clip('short')).toBe('short');
  });
});
