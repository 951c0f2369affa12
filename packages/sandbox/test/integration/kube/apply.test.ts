import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Harness } from './kubectl.js';
import { deployment, startHarness, waitFor } from './kubectl.js';

describe('kubectl apply, get, diff and delete against the simulator', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('creates with client-side apply, then patches, then reports unchanged', async () => {
    expect(await h.ok(['apply', '-f', '-'], { input: deployment('web', 'nginx:1.25') })).toContain('deployment.apps/web created');
    const created = await h.json(['get', 'deploy', 'web']);
    expect(created.metadata.generation).toBe(1);
    expect(created.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).toContain('nginx:1.25');
    expect(created.spec.strategy.rollingUpdate).toEqual({ maxSurge: '25%', maxUnavailable: '25%' });

    expect(await h.ok(['apply', '-f', '-'], { input: deployment('web', 'nginx:1.26') })).toContain('deployment.apps/web configured');
    const updated = await h.json(['get', 'deploy', 'web']);
    expect(updated.metadata.generation).toBe(2);
    expect(updated.spec.template.spec.containers[0].image).toBe('nginx:1.26');
    expect(updated.metadata.uid).toBe(created.metadata.uid);

    expect(await h.ok(['apply', '-f', '-'], { input: deployment('web', 'nginx:1.26') })).toContain('deployment.apps/web unchanged');
    const patchRequest = h.api.state.requests.find((r) => r.method === 'PATCH' && r.path.endsWith('/deployments/web'));
    expect(patchRequest?.contentType).toBe('application/strategic-merge-patch+json');
    expect(patchRequest?.query.fieldValidation).toBe('Strict');
  });

  it('server-side applies with field managers, conflicts and --force-conflicts', async () => {
    expect(await h.ok(['apply', '--server-side', '-f', '-'], { input: deployment('api', 'nginx:1.25') })).toContain('deployment.apps/api serverside-applied');
    const live = await h.json(['get', 'deploy', 'api', '--show-managed-fields']);
    expect(live.metadata.managedFields.map((m: { manager: string; operation: string }) => `${m.manager}/${m.operation}`)).toContain('kubectl/Apply');

    // Another manager takes the image; re-applying the old value as "kubectl" now conflicts.
    await h.ok(['set', 'image', 'deploy/api', 'app=nginx:1.27']);
    const conflict = await h.kubectl(['apply', '--server-side', '-f', '-'], { input: deployment('api', 'nginx:1.25') });
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toMatch(/Apply failed with 1 conflict: conflict with "kubectl-set".*\.spec\.template\.spec\.containers\[name="app"\]\.image/);

    await h.ok(['apply', '--server-side', '--force-conflicts', '-f', '-'], { input: deployment('api', 'nginx:1.25') });
    expect((await h.json(['get', 'deploy', 'api'])).spec.template.spec.containers[0].image).toBe('nginx:1.25');

    // A field the manager stops applying is removed.
    const withoutPorts = JSON.parse(deployment('api', 'nginx:1.25'));
    delete withoutPorts.spec.template.spec.containers[0].ports;
    await h.ok(['apply', '--server-side', '-f', '-'], { input: JSON.stringify(withoutPorts) });
    expect((await h.json(['get', 'deploy', 'api'])).spec.template.spec.containers[0].ports).toBeUndefined();
  });

  it('server-side apply sets a key added to a map that was applied empty', async () => {
    const empty = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'notes', annotations: {} }, data: { a: '1' } };
    await h.ok(['apply', '--server-side', '--field-manager=eks-kit', '-f', '-'], { input: JSON.stringify(empty) });
    const filled = { ...empty, metadata: { name: 'notes', annotations: { 'x/y': 'z' } } };
    await h.ok(['apply', '--server-side', '--field-manager=eks-kit', '-f', '-'], { input: JSON.stringify(filled) });
    const live = await h.json(['get', 'configmap', 'notes', '--show-managed-fields']);
    expect(live.metadata.annotations).toEqual({ 'x/y': 'z' });
    expect(live.metadata.managedFields[0].fieldsV1['f:metadata']['f:annotations']).toEqual({ 'f:x/y': {} });
  });

  it('rollout undo is an Update by "kubectl": it takes the template fields it changed, so the next apply conflicts', async () => {
    const apply = (image: string) => h.kubectl(['apply', '--server-side', '--field-manager=eks-kit', '-f', '-'], { input: deployment('undone', image) });
    expect((await apply('nginx:1.25')).code).toBe(0);
    await waitFor('revision 1', async () => (await h.json(['get', 'rs', '-l', 'app=undone'])).items.length === 1 || undefined);
    expect((await apply('nginx:1.26')).code).toBe(0);
    await waitFor('revision 2', async () => (await h.json(['get', 'rs', '-l', 'app=undone'])).items.length === 2 || undefined);
    await h.ok(['rollout', 'undo', 'deploy/undone', '--to-revision=1']);
    const live = await h.json(['get', 'deploy', 'undone', '--show-managed-fields']);
    const kubectlEntry = live.metadata.managedFields.find((m: { manager: string }) => m.manager === 'kubectl');
    expect(kubectlEntry).toMatchObject({ operation: 'Update' });
    expect(JSON.stringify(kubectlEntry.fieldsV1)).toContain('"f:image"');
    const next = await apply('nginx:1.27');
    expect(next.code).toBe(1);
    expect(next.stderr).toMatch(/conflict with "kubectl".*\.spec\.template\.spec\.containers\[name="app"\]\.image/s);
  });

  it('server-side dry run stores nothing', async () => {
    await h.ok(['apply', '--server-side', '--dry-run=server', '-f', '-'], { input: deployment('ghost', 'nginx:1.25') });
    const r = await h.kubectl(['get', 'deploy', 'ghost']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error from server (NotFound): deployments.apps "ghost" not found');
  });

  it('diff shows the change and exits 1, and exits 0 when there is none', async () => {
    const changed = await h.kubectl(['diff', '-f', '-'], { input: deployment('web', 'nginx:1.27') });
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain('-      - image: nginx:1.26');
    expect(changed.stdout).toContain('+      - image: nginx:1.27');
    const same = await h.kubectl(['diff', '-f', '-'], { input: deployment('web', 'nginx:1.26') });
    expect(same.stdout).toBe('');
    expect(same.code).toBe(0);
  });

  it('answers errors with Status objects kubectl prints', async () => {
    const invalid = await h.kubectl(['apply', '-f', '-'], { input: deployment('Bad_Name', 'nginx') });
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('is invalid');
    await h.ok(['create', '-f', '-'], { input: deployment('dup', 'nginx:1.26') });
    const dup = await h.kubectl(['create', '-f', '-'], { input: deployment('dup', 'nginx:1.26') });
    expect(dup.stderr).toMatch(/Error from server \(AlreadyExists\): .*deployments.apps "dup" already exists/);
    const crd = await h.kubectl(['apply', '-f', '-'], { input: JSON.stringify({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }) });
    expect(crd.code).toBe(1);
    expect(crd.stderr).toContain('no matches for kind "Widget" in version "example.com/v1"');
  });

  it('kubectl create (typed clients, protobuf bodies) for namespaces, ConfigMaps, Secrets, ServiceAccounts', async () => {
    await h.ok(['create', 'namespace', 'team-a']);
    await h.ok(['create', 'configmap', 'settings', '-n', 'team-a', '--from-literal=mode=fast']);
    await h.ok(['create', 'secret', 'docker-registry', 'regcred', '-n', 'team-a', '--docker-server=registry.example', '--docker-username=u', '--docker-password=p']);
    await h.ok(['create', 'serviceaccount', 'deployer', '-n', 'team-a']);
    expect(h.api.state.requests.filter((r) => r.contentType === 'application/vnd.kubernetes.protobuf' && r.status === 201)).toHaveLength(4);
    expect((await h.json(['get', 'cm', 'settings', '-n', 'team-a'])).data).toEqual({ mode: 'fast' });
    const secret = await h.json(['get', 'secret', 'regcred', '-n', 'team-a']);
    expect(secret.type).toBe('kubernetes.io/dockerconfigjson');
    expect(JSON.parse(Buffer.from(secret.data['.dockerconfigjson'], 'base64').toString()).auths['registry.example'].username).toBe('u');
    expect(await h.ok(['get', 'sa', '-n', 'team-a', '-o', 'name'])).toBe('serviceaccount/default\nserviceaccount/deployer\n');
    const refused = await h.kubectl(['create', 'deployment', 'd1', '--image=nginx']);
    expect(refused.stderr).toContain('send apps/v1/Deployment as JSON');
  });

  it('lists with label and field selectors', async () => {
    const pods = await h.json(['get', 'pods', '-l', 'app=web']);
    expect(pods.items.length).toBeGreaterThan(0);
    expect(pods.items.every((p: { metadata: { labels: Record<string, string> } }) => p.metadata.labels.app === 'web')).toBe(true);
    const one = await h.json(['get', 'deploy', '--field-selector', 'metadata.name=api']);
    expect(one.items.map((d: { metadata: { name: string } }) => d.metadata.name)).toEqual(['api']);
  });

  it('deletes, and the ReplicaSets and pods go with the Deployment', async () => {
    expect(await h.ok(['delete', 'deploy', 'web'])).toContain('deployment.apps "web" deleted');
    expect(h.api.state.list('ReplicaSet', 'default').filter((rs) => rs.metadata.name!.startsWith('web-'))).toEqual([]);
    expect(h.api.state.list('Pod', 'default').filter((p) => p.metadata.labels?.app === 'web')).toEqual([]);
  });
});
