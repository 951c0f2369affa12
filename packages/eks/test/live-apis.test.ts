import { describe, expect, it } from '@jest/globals';
import { gzipSync } from 'node:zlib';
import { currentReleases, decodeHelmRelease, detectHelmReleases, HELM_RELEASE_SECRETS, judgeHelmRelease } from '../src/live/helm-releases.js';
import { detectLiveApis, judgeLiveObject, wantedKinds } from '../src/live/live-apis.js';
import { servedKinds } from '../src/live/served-kinds.js';
import { liveApiBlockers } from '../src/playbook.js';
import type { KubeReader } from '../src/workloads/kube-reader.js';
import type { LiveObject } from '../src/workloads/objects.js';

const target = { target: '1.33', current: '1.32' };
const INGRESS_V1BETA1 = 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: web\n';

/** A release Secret as the API returns it: base64 (the API's) of base64 (Helm's) of gzipped JSON. */
function releaseSecret(name: string, revision: number, status: string, manifest: string, gzip = true): LiveObject {
  const json = Buffer.from(JSON.stringify({ name, namespace: 'shop', version: revision, info: { status }, manifest }));
  const helm = (gzip ? gzipSync(json) : json).toString('base64');
  return { kind: 'Secret', type: 'helm.sh/release.v1', metadata: { name: `sh.helm.release.v1.${name}.v${revision}`, namespace: 'shop', labels: { owner: 'helm', name, version: String(revision), status } }, data: { release: Buffer.from(helm).toString('base64') } };
}

describe("live objects created through old APIs (pluto's detect-api-resources)", () => {
  const ingress = (annotations: Record<string, string>, managedFields: { apiVersion: string }[] = []): LiveObject => ({ metadata: { name: 'web', namespace: 'shop', annotations, managedFields } });

  it('reads the apiVersion of the last kubectl apply and of each field manager, once each', () => {
    const object = ingress({ 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ apiVersion: 'extensions/v1beta1', kind: 'Ingress' }) }, [{ apiVersion: 'extensions/v1beta1' }, { apiVersion: 'networking.k8s.io/v1beta1' }, { apiVersion: 'networking.k8s.io/v1' }]);
    expect(judgeLiveObject('Ingress', object, target)).toEqual([
      { source: 'last-applied', object: 'Ingress shop/web', apiVersion: 'extensions/v1beta1', kind: 'Ingress', status: 'removed', since: '1.22', replacement: 'networking.k8s.io/v1' },
      { source: 'managed-fields', object: 'Ingress shop/web', apiVersion: 'networking.k8s.io/v1beta1', kind: 'Ingress', status: 'removed', since: '1.22', replacement: 'networking.k8s.io/v1' },
    ]);
  });

  it('finds nothing on an object applied through a served API, or with an annotation that is not JSON', () => {
    expect(judgeLiveObject('Ingress', ingress({ 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ apiVersion: 'networking.k8s.io/v1' }) }, [{ apiVersion: 'networking.k8s.io/v1' }]), target)).toEqual([]);
    expect(judgeLiveObject('Ingress', ingress({ 'kubectl.kubernetes.io/last-applied-configuration': '{not json' }), target)).toEqual([]);
  });

  it('blocks on a last apply through a removed API, not on a field manager that may have moved on', () => {
    const findings = judgeLiveObject('Ingress', ingress({ 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ apiVersion: 'extensions/v1beta1' }) }, [{ apiVersion: 'networking.k8s.io/v1beta1' }]), target);
    expect(liveApiBlockers(findings, '1.33')).toEqual(['Ingress shop/web was last applied as extensions/v1beta1, removed in 1.22: whatever applies it must use networking.k8s.io/v1 first']);
  });

  it('lists each kind where the cluster serves it now, from discovery', async () => {
    const gets: string[] = [];
    const reader: KubeReader = {
      get: async (path) => {
        gets.push(path);
        if (path === '/apis') return { groups: [{ name: 'networking.k8s.io', preferredVersion: { groupVersion: 'networking.k8s.io/v1' } }, { name: 'apps', preferredVersion: { groupVersion: 'apps/v1' } }] };
        if (path === '/apis/networking.k8s.io/v1') return { resources: [{ name: 'ingresses', kind: 'Ingress', verbs: ['list'] }, { name: 'ingresses/status', kind: 'Ingress' }] };
        if (path === '/apis/apps/v1') return { resources: [{ name: 'deployments', kind: 'Deployment', verbs: ['list'] }] };
        return {};
      },
      list: async () => [],
    };
    const served = await servedKinds(reader, [
      { kind: 'Ingress', apiVersions: ['extensions/v1beta1', 'networking.k8s.io/v1'] },
      { kind: 'Deployment', apiVersions: ['extensions/v1beta1', 'apps/v1'] },
      { kind: 'PodSecurityPolicy', apiVersions: ['policy/v1beta1'] },
    ]);
    expect(served).toEqual([
      { kind: 'Ingress', path: '/apis/networking.k8s.io/v1/ingresses' },
      { kind: 'Deployment', path: '/apis/apps/v1/deployments' },
    ]);
    expect(gets.filter((g) => g === '/apis/networking.k8s.io/v1')).toHaveLength(1);
  });

  it('wants the kinds of the API list with the versions that held and hold them, and a user\'s own', () => {
    const kinds = wantedKinds([{ apiVersion: 'example.com/v1alpha1', kind: 'Widget', deprecatedIn: '1.30', removedIn: null, replacement: 'example.com/v1', replacementAvailableIn: null, component: 'k8s' }]);
    expect(kinds.find((k) => k.kind === 'Ingress')?.apiVersions).toEqual(expect.arrayContaining(['extensions/v1beta1', 'networking.k8s.io/v1']));
    expect(kinds.find((k) => k.kind === 'Widget')?.apiVersions).toEqual(['example.com/v1alpha1', 'example.com/v1']);
    expect(kinds.some((k) => k.kind.endsWith('List'))).toBe(false);
  });

  it('judges what it lists', async () => {
    const reader: KubeReader = {
      get: async (path) => (path === '/apis' ? { groups: [{ name: 'networking.k8s.io', preferredVersion: { groupVersion: 'networking.k8s.io/v1' } }] } : path === '/apis/networking.k8s.io/v1' ? { resources: [{ name: 'ingresses', kind: 'Ingress', verbs: ['list'] }] } : {}),
      list: async (path) => (path === '/apis/networking.k8s.io/v1/ingresses' ? [{ metadata: { name: 'old', namespace: 'shop', managedFields: [{ apiVersion: 'extensions/v1beta1' }] } }] : []),
    };
    const result = await detectLiveApis(reader, target);
    expect(result.objects).toBe(1);
    expect(result.findings.map((f) => `${f.source} ${f.object} ${f.apiVersion}`)).toEqual(['managed-fields Ingress shop/old extensions/v1beta1']);
  });
});

describe("live Helm releases (pluto's detect-helm)", () => {
  it('decodes a release Secret, gzipped or not', () => {
    expect(decodeHelmRelease(releaseSecret('web', 3, 'deployed', INGRESS_V1BETA1))).toEqual({ name: 'web', namespace: 'shop', revision: 3, status: 'deployed', manifest: INGRESS_V1BETA1 });
    expect(decodeHelmRelease(releaseSecret('web', 3, 'deployed', INGRESS_V1BETA1, false))?.manifest).toBe(INGRESS_V1BETA1);
    expect(decodeHelmRelease({ type: 'Opaque', data: { release: 'eA==' } })).toBeUndefined();
  });

  it("judges each release's newest deployed revision only", () => {
    const releases = [releaseSecret('web', 1, 'superseded', INGRESS_V1BETA1), releaseSecret('web', 2, 'deployed', 'apiVersion: networking.k8s.io/v1\nkind: Ingress\n'), releaseSecret('web', 3, 'failed', INGRESS_V1BETA1)].map((s) => decodeHelmRelease(s)!);
    const current = currentReleases(releases);
    expect(current.map((r) => r.revision)).toEqual([2]);
    expect(judgeHelmRelease(current[0]!, target)).toEqual([]);
  });

  it('blocks the upgrade on a current release that uses a removed API', async () => {
    const reader: KubeReader = { get: async () => ({}), list: async (path) => (path === HELM_RELEASE_SECRETS ? [releaseSecret('web', 4, 'deployed', `---\n${INGRESS_V1BETA1}`), { kind: 'Secret', type: 'helm.sh/release.v1', metadata: { name: 'sh.helm.release.v1.broken.v1', namespace: 'shop' }, data: { release: Buffer.from('H4sI-not-gzip').toString('base64') } }] : []) };
    const result = await detectHelmReleases(reader, target);
    expect(result.releases).toBe(1);
    expect(result.unreadable).toEqual([expect.stringMatching(/^Secret shop\/sh\.helm\.release\.v1\.broken\.v1: /)]);
    expect(liveApiBlockers(result.findings, '1.33')).toEqual([
      'helm release shop/web (revision 4): its Ingress uses extensions/v1beta1, removed in 1.22: helm upgrade fails on the release after the upgrade; release it with networking.k8s.io/v1 first (or rewrite the stored manifest with helm-mapkubeapis)',
    ]);
  });
});
