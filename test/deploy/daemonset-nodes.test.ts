import { describe, expect, it } from '@jest/globals';
import { daemonSetManifest, DIGEST, workspaceWith } from './fixtures.js';
import { deploySandbox } from './sandbox.js';

// Four nodes: two healthy, one whose kubelet stopped posting status (its pods never start), and
// one that the test cordons with kubectl, as a node group upgrade does before draining.
const NODES = ['ip-10-0-1-11.ec2.internal', 'ip-10-0-1-12.ec2.internal', 'ip-10-0-1-13.ec2.internal', 'ip-10-0-1-14.ec2.internal'];
const env = deploySandbox({ nodes: NODES.map((name, i) => ({ name, cpu: '1930m', memory: '7220Mi', ...(i === 2 ? { ready: false } : {}) })) });

// The never-started pod counts as unavailable, as the real controller counts it: with the default
// maxUnavailable of 1 a template change would wait on it forever.
const daemonSet = (digest: string) => daemonSetManifest({ namespace: 'node-agents', digest, extraSpec: '\n  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 2' });

describe('DaemonSet pods on cordoned or NotReady nodes (krane\'s rule)', () => {
  it('are not awaited: the rollout succeeds on the other nodes, and says which nodes it did not wait for, again on the next deploy', async () => {
    await env.kubectl(['cordon', NODES[3] ?? '']);
    const inputs = { namespace: 'node-agents', timeout: '60' };
    const first = await env.run(workspaceWith({ 'k8s/ds.yaml': daemonSet(DIGEST) }), inputs);
    expect(first.outputs.status).toBe('success');
    expect(first.stdout).toContain(`2/2 pods ready on schedulable Ready nodes; 2 not awaited on ${NODES[2]} (Ready Unknown: NodeStatusUnknown), ${NODES[3]} (cordoned)`);
    // The pod on the NotReady node is there, never started: a verdict that waited for it would time out.
    const pods = env.sandbox.kube!.state.list('Pod', 'node-agents') as { spec: { nodeName?: string }; status?: { phase?: string } }[];
    expect(pods.find((p) => p.spec.nodeName === NODES[2])?.status?.phase).toBe('Pending');
    // The next deploy (a new template) rolls over the same nodes the same way.
    const second = await env.run(workspaceWith({ 'k8s/ds.yaml': daemonSet(`sha256:${'c'.repeat(64)}`) }), inputs);
    expect(second.outputs.status).toBe('success');
    expect(second.stdout).toContain('not awaited on');
  });
});
