import { describe, expect, it } from '@jest/globals';
import { SANDBOX_USER, type KubeObject, type Scenario } from '@eks-kit/sandbox';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { makeWorkspace } from './harness/workspace.js';
import { day, driftSandbox } from './version-drift/drift-sandbox.js';

const version = (v: string) => ({ clusterVersion: v, releaseDate: day(-100), endOfStandardSupportDate: day(300), endOfExtendedSupportDate: day(665) });
const scenario: Scenario = { eks: { clusterVersions: ['1.32', '1.33', '1.34'].map(version), clusters: [{ name: 'shop', version: '1.32', accessEntries: [{ principalArn: SANDBOX_USER.arn }] }] } };
const world = driftSandbox(scenario, { kubeApi: { cluster: 'shop', options: { speed: 40, namespaces: ['shop'] } } });
const workspace = makeWorkspace({ 'README.md': 'no manifests\n' });
const run = () => world.run({ clusters: 'shop', 'cluster-access': 'true', 'report-file': 'drift.json' }, workspace);
type Live = { source: string; object: string; apiVersion: string; status: string };
const liveApis = () => (JSON.parse(readFileSync(path.join(workspace, 'drift.json'), 'utf8')) as { clusters: { workloads: { liveApis: Live[]; helmReleases: number } }[] }).clusters[0]!.workloads;

const ingress = (name: string, appliedAs: string, managedAs: string[]): KubeObject =>
  ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name,
      namespace: 'shop',
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ apiVersion: appliedAs, kind: 'Ingress', metadata: { name, namespace: 'shop' } }) },
      managedFields: managedAs.map((apiVersion) => ({ manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion, time: '2024-05-01T00:00:00Z', fieldsType: 'FieldsV1', fieldsV1: {} })),
    },
    spec: { defaultBackend: { service: { name, port: { number: 80 } } } },
  }) as KubeObject;

/** What Helm 3 stores per revision: a Secret whose `release` is base64 of gzipped JSON (the API adds its own base64). */
function helmRelease(name: string, revision: number, status: string, manifest: string): KubeObject {
  const release = gzipSync(Buffer.from(JSON.stringify({ name, namespace: 'shop', version: revision, info: { status }, manifest, chart: { metadata: { name } } }))).toString('base64');
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'helm.sh/release.v1',
    metadata: { name: `sh.helm.release.v1.${name}.v${revision}`, namespace: 'shop', labels: { owner: 'helm', name, version: String(revision), status } },
    data: { release: Buffer.from(release).toString('base64') },
  } as KubeObject;
}

describe('version-drift: live objects and Helm releases through removed APIs', () => {
  it('passes objects and releases on served APIs, and judges only the newest deployed revision', async () => {
    const kube = world.sandbox().kube!.state;
    kube.create(ingress('current', 'networking.k8s.io/v1', ['networking.k8s.io/v1']));
    kube.create(helmRelease('api', 1, 'superseded', 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: api}\n'));
    kube.create(helmRelease('api', 2, 'deployed', 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: api}\n'));
    const r = await run();
    expect(r.exitCode).toBe(0);
    expect(r.outputs.blockers).toBe('0');
    expect(liveApis()).toMatchObject({ liveApis: [], helmReleases: 1 });
  });

  it('blocks on an object last applied through a removed API and on a release whose manifest uses one; lists an old field manager', async () => {
    const kube = world.sandbox().kube!.state;
    kube.create(ingress('legacy', 'extensions/v1beta1', ['extensions/v1beta1']));
    kube.create(ingress('touched', 'networking.k8s.io/v1', ['networking.k8s.io/v1', 'networking.k8s.io/v1beta1']));
    kube.create(helmRelease('web', 7, 'deployed', '---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\n---\napiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata: {name: web}\n'));
    const r = await run();
    expect(r.exitCode).toBe(1);
    expect(r.outputs.blockers).toBe('2');
    expect(liveApis().liveApis.map((f) => `${f.source} ${f.object} ${f.apiVersion} ${f.status}`).sort()).toEqual([
      'helm-release helm release shop/web (revision 7) policy/v1beta1 removed',
      'last-applied Ingress shop/legacy extensions/v1beta1 removed',
      'managed-fields Ingress shop/touched networking.k8s.io/v1beta1 removed',
    ]);
    expect(r.summary).toContain('⛔ blocked: Ingress shop/legacy was last applied as extensions/v1beta1, removed in 1.22: whatever applies it must use networking.k8s.io/v1 first');
    expect(r.summary).toContain('⛔ blocked: helm release shop/web (revision 7): its PodDisruptionBudget uses policy/v1beta1, removed in 1.25');
    expect(r.summary).toContain('| Ingress shop/touched | managed-fields | Ingress | `networking.k8s.io/v1beta1` | removed (1.22) | `networking.k8s.io/v1` |');
  });
});
