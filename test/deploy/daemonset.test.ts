import { describe, expect, it } from '@jest/globals';
import { daemonSetManifest, DIGEST, workspaceWith } from './fixtures.js';
import { deploySandbox } from './sandbox.js';
const env = deploySandbox();

const daemonSet = (extraSpec = '') => daemonSetManifest({ namespace: 'agents', digest: DIGEST, extraSpec, failure: 'crashloop' });

describe('DaemonSet rollouts', () => {
  it('a crash-looping DaemonSet fails fast again after a change outside its template (minReadySeconds)', async () => {
    const inputs = { namespace: 'agents', rollback: 'false', timeout: '60' };
    const first = await env.run(workspaceWith({ 'k8s/ds.yaml': daemonSet() }), inputs);
    expect(first.outputs.status).toBe('failure');
    // The generation moves, the template does not: the pods stay, labelled with the old generation.
    const second = await env.run(workspaceWith({ 'k8s/ds.yaml': daemonSet('\n  minReadySeconds: 5') }), inputs);
    expect(second.outputs.status).toBe('failure');
    expect(second.failure).toMatch(/CrashLoopBackOff|Crashing repeatedly/);
    expect(second.summary).toContain('### Diagnostics');
  });
});
