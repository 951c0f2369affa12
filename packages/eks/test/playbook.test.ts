import { describe, expect, it } from '@jest/globals';
import type { AddonCheck } from '../src/addons.js';
import { buildPlaybook, playbookBlockers } from '../src/playbook.js';
import { evaluatePolicy, DEFAULT_POLICY } from '../src/policy.js';
import { nodegroupSkew } from '../src/skew.js';
import { supportState } from '../src/support.js';

const addon = (over: Partial<AddonCheck>): AddonCheck => ({ name: 'coredns', version: 'v1', status: 'current', supportedNow: true, supportedOnTarget: true, blocker: false, message: '', ...over });

describe('upgrade playbook', () => {
  const al2Input = (current: string, next: string) => ({
    cluster: 'prod',
    current,
    next,
    nextAvailable: true,
    nodegroups: [nodegroupSkew({ name: 'ng-al2', version: current, amiType: 'AL2_x86_64' }, current, next), nodegroupSkew({ name: 'ng-2023', version: current, amiType: 'AL2023_x86_64_STANDARD' }, current, next)],
    fargateProfiles: [],
    addons: [],
    insights: [],
    manifests: [],
  });

  it('blocks an upgrade to 1.33 or later on Amazon Linux 2 node groups, and leaves them out of the node upgrade', () => {
    const steps = buildPlaybook(al2Input('1.32', '1.33'));
    expect(steps[0]?.title).toMatch(/^Move Amazon Linux 2 node groups to AL2023 or Bottlerocket/);
    expect(playbookBlockers(steps)).toEqual(['node group ng-al2 runs Amazon Linux 2 (AL2_x86_64): EKS publishes no AL2 AMIs for 1.33; move it to AL2023 or Bottlerocket first']);
    expect(steps.at(-1)?.items).toEqual(['ng-2023: 1.32 → 1.33']);
  });

  it('blocks on every health issue of the cluster, its node groups and add-ons; none without them', () => {
    const both = al2Input('1.33', '1.34');
    const healthy = { ...both, nodegroups: both.nodegroups.filter((n) => n.amiType !== 'AL2_x86_64') };
    expect(playbookBlockers(buildPlaybook(healthy))).toEqual([]);
    const sick = {
      ...healthy,
      clusterHealth: [{ code: 'KmsKeyDisabled', message: 'The KMS key is disabled.' }],
      nodegroups: [{ ...healthy.nodegroups[0]!, healthIssues: [{ code: 'NodeCreationFailure', message: '' }] }],
      addons: [addon({ name: 'vpc-cni', healthIssues: [{ code: 'AccessDenied', message: 'AccessDenied' }] })],
    };
    expect(playbookBlockers(buildPlaybook(sick))).toEqual([
      'cluster health: KmsKeyDisabled: The KMS key is disabled. (fix it before upgrading)',
      'node group ng-2023 health: NodeCreationFailure (fix it before upgrading)',
      'add-on vpc-cni health: AccessDenied (fix it before upgrading)',
    ]);
  });

  it('blocks on kube-proxy newer than the control plane or over n-3 behind after the upgrade, not within it', () => {
    const base = { ...al2Input('1.33', '1.34'), nodegroups: [] };
    const proxy = (version: string) => playbookBlockers(buildPlaybook({ ...base, addons: [addon({ name: 'kube-proxy', version })] }));
    expect(proxy('v1.31.2-eksbuild.3')).toEqual([]);
    expect(proxy('v1.30.6-eksbuild.2')).toEqual(['kube-proxy v1.30.6-eksbuild.2 would be 4 minors behind 1.34 (limit n-3); update it first']);
    expect(proxy('v1.34.0-eksbuild.1')).toEqual(['kube-proxy v1.34.0-eksbuild.1 is newer than the control plane 1.33, which the skew policy does not allow']);
  });

  it('lets Amazon Linux 2 node groups upgrade to 1.32', () => {
    const steps = buildPlaybook(al2Input('1.31', '1.32'));
    expect(playbookBlockers(steps)).toEqual([]);
    expect(steps.at(-1)?.items).toEqual(['ng-al2: 1.31 → 1.32', 'ng-2023: 1.31 → 1.32']);
  });

  it('orders lagging node groups, control plane, add-ons, then the rest of the data plane', () => {
    const steps = buildPlaybook({
      cluster: 'prod',
      current: '1.30',
      next: '1.31',
      nextAvailable: true,
      nodegroups: [nodegroupSkew({ name: 'old', version: '1.27' }, '1.30', '1.31'), nodegroupSkew({ name: 'new', version: '1.30' }, '1.30', '1.31')],
      fargateProfiles: ['default'],
      addons: [addon({ name: 'kube-proxy', status: 'update-after-upgrade', recommendedForTarget: 'v1.31.0-eksbuild.1', supportedOnTarget: false })],
      insights: [],
      manifests: [],
    });
    expect(steps.map((s) => s.title)).toEqual([
      'Upgrade lagging node groups to 1.30',
      'Upgrade the control plane 1.30 → 1.31',
      'Update add-ons for 1.31',
      'Upgrade node groups to 1.31',
    ]);
    expect(steps[0]).toMatchObject({ required: true, items: [expect.stringMatching(/^old: 1\.27 → 1\.30/)] });
    expect(steps[1]?.blockers).toEqual([expect.stringMatching(/^node group old: 3 minors behind 1\.30; would be 4 behind 1\.31/)]);
    expect(steps[3]?.items).toContain('Fargate profile default: restart its pods to get 1.31 kubelets');
  });

  it('collects blockers: removed APIs, failing insights, add-ons with no version (a version EKS does not offer yet is not one)', () => {
    const steps = buildPlaybook({
      cluster: 'prod',
      current: '1.35',
      next: '1.36',
      nextAvailable: false,
      nodegroups: [],
      fargateProfiles: [],
      addons: [addon({ status: 'no-version-for-target', blocker: true, message: 'no coredns version is offered for Kubernetes 1.36' })],
      insights: [{ id: '1', name: 'Deprecated APIs removed in Kubernetes v1.36', category: 'UPGRADE_READINESS', kubernetesVersion: '1.36', status: 'ERROR', reason: 'Deprecated API usage detected', deprecations: [] }],
      manifests: [{ file: 'k8s/dra.yaml', line: 4, apiVersion: 'resource.k8s.io/v1beta1', kind: 'ResourceClaim', status: 'removed', since: '1.36' }],
    });
    expect(steps[0]?.items).toEqual(['Kubernetes 1.36 is not offered by EKS yet: nothing to upgrade to until it is']);
    expect(playbookBlockers(steps)).toEqual([
      'insight "Deprecated APIs removed in Kubernetes v1.36": Deprecated API usage detected',
      '1 manifest object uses APIs removed in 1.36 (first: ResourceClaim resource.k8s.io/v1beta1 at k8s/dra.yaml:4)',
      'add-on coredns: no coredns version is offered for Kubernetes 1.36',
    ]);
  });
});

describe('policy', () => {
  const now = Date.parse('2026-11-22T00:00:00Z');
  const at = (days: number) => supportState({ version: '1.34', endOfStandardSupport: new Date(now + days * 86_400_000).toISOString().slice(0, 10), endOfExtendedSupport: '2028-01-01' }, now, 'EXTENDED');

  it('ok, then warning at N days, then failure at M days and in extended support', () => {
    expect(evaluatePolicy(at(91), [], DEFAULT_POLICY).severity).toBe('ok');
    expect(evaluatePolicy(at(90), [], DEFAULT_POLICY)).toEqual({ severity: 'warning', reasons: ['90 days until the end of standard support (warn at 90)'] });
    expect(evaluatePolicy(at(30), [], DEFAULT_POLICY).severity).toBe('failure');
    expect(evaluatePolicy(at(-5), [], DEFAULT_POLICY).reasons[0]).toMatch(/^in extended support since/);
  });

  it('fails on blockers unless told not to', () => {
    expect(evaluatePolicy(at(200), ['x', 'y'], DEFAULT_POLICY)).toEqual({ severity: 'failure', reasons: ['upgrade blocked: x (and 1 more)'] });
    expect(evaluatePolicy(at(200), ['x'], { ...DEFAULT_POLICY, failOnBlockers: false }).severity).toBe('warning');
  });
});
