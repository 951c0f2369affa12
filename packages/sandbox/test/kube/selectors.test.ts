import { describe, expect, it } from '@jest/globals';
import { parseFieldSelector, parseLabelSelector, selectorMatcher } from '../../src/kube/selectors.js';
import { parseQuantity } from '../../src/kube/quantity.js';
import { templateHash, intOrPercent } from '../../src/kube/controllers/util.js';
import type { KubeObject } from '../../src/kube/types.js';

describe('selectors', () => {
  it('label selectors: =, ==, !=, exists, !exists, in, notin', () => {
    const m = parseLabelSelector('app=web,tier!=db,env in (prod, staging),track,!canary,zone notin (a)');
    expect(m({ app: 'web', tier: 'front', env: 'prod', track: 'x' })).toBe(true);
    expect(m({ app: 'web', tier: 'db', env: 'prod', track: 'x' })).toBe(false);
    expect(m({ app: 'web', env: 'dev', track: 'x' })).toBe(false);
    expect(m({ app: 'web', env: 'prod', track: 'x', canary: '1' })).toBe(false);
    expect(parseLabelSelector('app==web')({ app: 'web' })).toBe(true);
  });

  it('LabelSelector objects with matchExpressions', () => {
    const m = selectorMatcher({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }, { key: 'x', operator: 'DoesNotExist' }] });
    expect(m({ app: 'web', env: 'prod' })).toBe(true);
    expect(m({ app: 'web', env: 'prod', x: '1' })).toBe(false);
  });

  it('field selectors over dotted paths', () => {
    const event = { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e', namespace: 'default' }, involvedObject: { kind: 'Deployment', name: 'web' }, type: 'Warning' } as KubeObject;
    expect(parseFieldSelector('involvedObject.kind=Deployment,involvedObject.name==web,type!=Normal')(event)).toBe(true);
    expect(parseFieldSelector('metadata.namespace=other')(event)).toBe(false);
  });
});

describe('quantities and rollout arithmetic', () => {
  it('parses CPU and memory quantities', () => {
    expect(parseQuantity('500m')).toBe(0.5);
    expect(parseQuantity('2')).toBe(2);
    expect(parseQuantity('128Mi')).toBe(128 * 2 ** 20);
    expect(parseQuantity('1G')).toBe(1e9);
  });

  it('rounds surge up and unavailable down, like the Deployment controller', () => {
    expect(intOrPercent('25%', 10, true)).toBe(3);
    expect(intOrPercent('25%', 10, false)).toBe(2);
    expect(intOrPercent(1, 10, false)).toBe(1);
  });

  it('hashes templates stably, ignoring the hash label and empty fields', () => {
    const a = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'x', resources: {} }] } };
    const b = { metadata: { creationTimestamp: null, labels: { app: 'web', 'pod-template-hash': 'abc' } }, spec: { containers: [{ image: 'x', name: 'web' }] } };
    expect(templateHash(a)).toBe(templateHash(b));
    expect(templateHash(a)).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
  });
});
