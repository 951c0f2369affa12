import { describe, expect, it } from '@jest/globals';
import { actionSource, TableReader } from '../src/index.js';
import { DEPLOY_TABLE, readDeploySettings } from '../src/deploy.js';
import { inputEnv } from './env.js';

describe('deploy inputs', () => {
  const read = (env: Record<string, string>) => readDeploySettings(new TableReader(DEPLOY_TABLE, actionSource(inputEnv(env))), { AWS_REGION: 'us-east-1', GITHUB_REPOSITORY: 'acme/shop' });

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
