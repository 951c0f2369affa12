import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InputError } from '@eks-kit/core';
import { expandManifestPaths } from '../src/manifests/paths.js';
import { parseManifests } from '../src/manifests/parse.js';
import { prepareManifests } from '../src/prepare.js';
import { DEPLOY_LABEL, parseDuration } from '../src/manifests/tracking.js';

const app = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: 1234.dkr.ecr.us-east-1.amazonaws.com/shop/web:latest
        - name: proxy
          image: envoyproxy/envoy:v1.31
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
---
apiVersion: v1
kind: Namespace
metadata:
  name: shop
`;

describe('parseManifests', () => {
  it('keeps the file and line of every document and field', () => {
    const manifests = parseManifests(app, 'k8s/app.yaml');
    expect(manifests.map((m) => [m.object.kind, m.source.line])).toEqual([['Deployment', 1], ['ConfigMap', 14], ['Namespace', 19]]);
    expect(manifests[0]?.lineOf(['spec', 'template', 'spec', 'containers', 1, 'image'])).toBe(12);
    // A missing field points at its nearest parent.
    expect(manifests[0]?.lineOf(['spec', 'template', 'spec', 'containers', 0, 'securityContext'])).toBe(9);
  });

  it('names the file and line of invalid YAML', () => {
    expect(() => parseManifests('a: 1\nb: [unclosed\n', 'bad.yaml')).toThrow(/^bad\.yaml:\d+: invalid YAML/);
  });

  it('refuses objects without kind or name, at their line', () => {
    expect(() => parseManifests('---\napiVersion: v1\nkind: ConfigMap\nmetadata: {}\n', 'x.yaml')).toThrow('x.yaml:2: the ConfigMap has no metadata.name');
    expect(() => parseManifests('- 1\n- 2\n', 'list.yaml')).toThrow(InputError);
  });

  it('unpacks List kinds and skips empty documents', () => {
    const list = parseManifests('---\n---\napiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: { name: a }\n', 'l.yaml');
    expect(list.map((m) => m.object.metadata.name)).toEqual(['a']);
    expect(list[0]?.source.line).toBe(6);
  });
});

describe('prepareManifests', () => {
  it('replaces images by repository or last path part, sets the namespace, labels, and orders Namespace and ConfigMap first', () => {
    const manifests = parseManifests(app, 'app.yaml');
    const sorted = prepareManifests(manifests, { namespace: 'shop', images: [`web=1234.dkr.ecr.us-east-1.amazonaws.com/shop/web@sha256:${'c'.repeat(64)}`, 'envoyproxy/envoy=envoyproxy/envoy:v1.32'], deployId: 'acme/shop' });
    expect(sorted.map((m) => m.object.kind)).toEqual(['Namespace', 'ConfigMap', 'Deployment']);
    const deployment = sorted[2]?.object as unknown as { metadata: { namespace: string; labels: Record<string, string> }; spec: { template: { spec: { containers: { image: string }[] } } } };
    expect(deployment.spec.template.spec.containers.map((c) => c.image)).toEqual([`1234.dkr.ecr.us-east-1.amazonaws.com/shop/web@sha256:${'c'.repeat(64)}`, 'envoyproxy/envoy:v1.32']);
    expect(deployment.metadata.namespace).toBe('shop');
    expect(deployment.metadata.labels[DEPLOY_LABEL]).toBe('acme-shop');
    expect(sorted[0]?.object.metadata.labels).toBeUndefined();
  });

  it('fails on an image mapping that matches nothing, and on duplicate objects', () => {
    expect(() => prepareManifests(parseManifests(app, 'a.yaml'), { namespace: 'x', images: ['wbe=repo@sha256:1'], deployId: 'd' })).toThrow('images: "wbe" matches no container image in the manifests');
    expect(() => prepareManifests(parseManifests(`${app}---\n${app}`, 'a.yaml'), { namespace: 'x', images: [], deployId: 'd' })).toThrow(/defined twice/);
    expect(() => prepareManifests(parseManifests(app, 'a.yaml'), { namespace: 'x', images: ['no-equals-sign'], deployId: 'd' })).toThrow(/not name=image/);
  });
});

describe('manifest paths', () => {
  it('expands files, directories and globs, in order and once each', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kube-paths-'));
    mkdirSync(path.join(dir, 'k8s/base'), { recursive: true });
    for (const f of ['k8s/b.yaml', 'k8s/a.yml', 'k8s/base/svc.json', 'k8s/README.md']) writeFileSync(path.join(dir, f), '');
    expect(expandManifestPaths(['k8s'], dir).map((f) => path.relative(dir, f))).toEqual(['k8s/a.yml', 'k8s/b.yaml', 'k8s/base/svc.json']);
    expect(expandManifestPaths(['k8s/*.yaml', 'k8s/**/*.json', 'k8s/b.yaml'], dir).map((f) => path.relative(dir, f))).toEqual(['k8s/b.yaml', 'k8s/base/svc.json']);
    expect(() => expandManifestPaths(['nope/*.yaml'], dir)).toThrow('manifests: "nope/*.yaml" matches no manifest file');
    expect(() => expandManifestPaths(['missing.yaml'], dir)).toThrow('does not exist');
  });

  it('matches character classes and braces, and ** with no directory in between', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kube-globs-'));
    mkdirSync(path.join(dir, 'k8s/sub'), { recursive: true });
    for (const f of ['k8s/a.yaml', 'k8s/b.yaml', 'k8s/c.yaml', 'k8s/sub/d.yaml', 'app[1].yaml']) writeFileSync(path.join(dir, f), '');
    const rel = (entries: string[]) => expandManifestPaths(entries, dir).map((f) => path.relative(dir, f));
    expect(rel(['k8s/[ab].yaml'])).toEqual(['k8s/a.yaml', 'k8s/b.yaml']);
    expect(rel(['k8s/[!ab].yaml'])).toEqual(['k8s/c.yaml']);
    expect(rel(['k8s/{a,c}.yaml'])).toEqual(['k8s/a.yaml', 'k8s/c.yaml']);
    expect(rel(['k8s/**/d.yaml', 'k8s/**/a.yaml'])).toEqual(['k8s/sub/d.yaml', 'k8s/a.yaml']);
    // A file whose name has glob characters is that file.
    expect(rel(['app[1].yaml'])).toEqual(['app[1].yaml']);
    expect(expandManifestPaths(['*.yaml'], path.join(dir, 'k8s/sub')).map((f) => path.relative(dir, f))).toEqual(['k8s/sub/d.yaml']);
    expect(expandManifestPaths(['../[c].yaml'], path.join(dir, 'k8s/sub')).map((f) => path.relative(dir, f))).toEqual(['k8s/c.yaml']);
  });

  it('never walks into node_modules or .git, by directory or by glob', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kube-skip-'));
    for (const d of ['deploy/node_modules/chart', 'deploy/.git', 'deploy/apps']) mkdirSync(path.join(dir, d), { recursive: true });
    for (const f of ['deploy/node_modules/chart/values.yaml', 'deploy/.git/config.json', 'deploy/apps/web.yaml', 'deploy/.hidden.yaml']) writeFileSync(path.join(dir, f), '');
    const rel = (entries: string[]) => expandManifestPaths(entries, dir).map((f) => path.relative(dir, f));
    expect(rel(['deploy'])).toEqual(['deploy/.hidden.yaml', 'deploy/apps/web.yaml']);
    expect(rel(['deploy/**/*.{yaml,json}'])).toEqual(['deploy/.hidden.yaml', 'deploy/apps/web.yaml']);
  });
});

describe('parseDuration', () => {
  it('reads the timeout annotation forms', () => {
    expect([parseDuration('90s'), parseDuration('5m'), parseDuration('1h'), parseDuration('30'), parseDuration('soon')]).toEqual([90_000, 300_000, 3_600_000, 30_000, undefined]);
  });
});

describe('required-rollout annotation', () => {
  const withAnnotation = (kind: string, value: string) => parseManifests(`apiVersion: apps/v1\nkind: ${kind}\nmetadata:\n  name: web\n  annotations:\n    eks-kit.dev/required-rollout: "${value}"\nspec: {}\n`, 'k8s/app.yaml');

  it('accepts full, maxUnavailable, none and a percentage on a Deployment', () => {
    for (const v of ['full', 'maxUnavailable', 'none', '90%']) expect(() => prepareManifests(withAnnotation('Deployment', v), { namespace: 'shop', images: [], deployId: 'x' })).not.toThrow();
  });

  it('refuses another value, or another kind, naming the file and line', () => {
    expect(() => prepareManifests(withAnnotation('Deployment', 'half'), { namespace: 'shop', images: [], deployId: 'x' })).toThrow(new InputError('manifests', 'k8s/app.yaml:6: Deployment/web: eks-kit.dev/required-rollout "half" is not full, maxUnavailable, none or a percentage such as 90%'));
    expect(() => prepareManifests(withAnnotation('StatefulSet', 'none'), { namespace: 'shop', images: [], deployId: 'x' })).toThrow(/k8s\/app\.yaml:6: StatefulSet\/web: eks-kit\.dev\/required-rollout applies to Deployments only/);
  });
});
