import { describe, expect, it } from '@jest/globals';
import { Inputs } from '@eks-kit/action-runtime';
import type { DeployResult } from '@eks-kit/kube';
import { readInputs } from '../src/inputs.js';
import { headline, renderSummary } from '../src/summary.js';

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

describe('inputs', () => {
  const read = (env: Record<string, string>) => readInputs(new Inputs(Object.fromEntries(Object.entries(env).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]))), { AWS_REGION: 'us-east-1', GITHUB_REPOSITORY: 'acme/shop' });

  it('reads defaults: server-side apply, rollback on, 600 s, deploy id from the repository', () => {
    const inputs = read({ 'cluster-name': 'prod', manifests: 'k8s/\nextra.yaml' });
    expect(inputs).toMatchObject({ clusterName: 'prod', region: 'us-east-1', namespace: 'default', manifests: ['k8s/', 'extra.yaml'], serverSide: true, rollback: true, timeoutMs: 600_000, deployId: 'shop', mode: 'apply', pollMs: 1000 });
  });

  it('refuses what cannot work before anything runs', () => {
    expect(() => read({ manifests: 'k8s' })).toThrow('cluster-name: give the EKS cluster name');
    expect(() => read({ 'cluster-name': 'prod' })).toThrow(/manifests: give manifest files/);
    expect(() => read({ 'cluster-name': 'prod', manifests: 'k8s', namespace: 'Shop_1' })).toThrow(/not a valid namespace/);
    expect(() => read({ 'cluster-name': 'prod', manifests: 'k8s', images: 'web' })).toThrow(/not name=image/);
    expect(() => read({ 'cluster-name': 'prod', manifests: 'k8s', mode: 'yolo' })).toThrow(/mode/);
    expect(() => read({ 'cluster-name': 'prod', manifests: 'k8s', 'poll-interval': '0' })).toThrow(/poll-interval/);
  });
});
