import { describe, expect, it } from '@jest/globals';
import { parseAdditionalVersions } from '../src/manifests/additional-versions.js';
import { judgeApi } from '../src/manifests/removed-apis.js';

const FILE = `deprecated-versions:
  - version: example.com/v1beta1
    kind: Widget
    deprecated-in: v1.31.0
    removed-in: v1.34.0
    replacement-api: example.com/v1
    replacement-available-in: v1.30.0
    component: k8s
  - version: policy/v1beta1
    kind: PodDisruptionBudget
    deprecated-in: "1.20"
    removed-in: ""
  - version: cert-manager.io/v1alpha2
    kind: Certificate
    removed-in: v1.7.0
    component: cert-manager
`;

describe("a versions file in pluto's format", () => {
  it('reads entries, normalises versions to minors, counts other components', () => {
    const parsed = parseAdditionalVersions(FILE, 'additional-versions');
    expect(parsed.ignored).toBe(1);
    expect(parsed.apis).toEqual([
      { apiVersion: 'example.com/v1beta1', kind: 'Widget', deprecatedIn: '1.31', removedIn: '1.34', replacement: 'example.com/v1', replacementAvailableIn: '1.30', component: 'k8s' },
      { apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', deprecatedIn: '1.20', removedIn: null, replacement: null, replacementAvailableIn: null, component: 'k8s' },
    ]);
  });

  it('judges with the bundled list, and wins over it for the same apiVersion and kind', () => {
    const { apis } = parseAdditionalVersions(FILE, 'additional-versions');
    expect(judgeApi('example.com/v1beta1', 'Widget', '1.33')).toBeUndefined();
    expect(judgeApi('example.com/v1beta1', 'Widget', '1.33', '1.32', apis)).toMatchObject({ status: 'deprecated', since: '1.31', replacement: 'example.com/v1' });
    expect(judgeApi('example.com/v1beta1', 'Widget', '1.34', '1.33', apis)).toMatchObject({ status: 'removed', since: '1.34' });
    // Bundled: removed in 1.25. The file says only deprecated.
    expect(judgeApi('policy/v1beta1', 'PodDisruptionBudget', '1.30')).toMatchObject({ status: 'removed', since: '1.25' });
    expect(judgeApi('policy/v1beta1', 'PodDisruptionBudget', '1.30', '1.29', apis)).toMatchObject({ status: 'deprecated', since: '1.20' });
    expect(judgeApi('batch/v1beta1', 'CronJob', '1.30', '1.29', apis)).toMatchObject({ status: 'removed', since: '1.25' });
  });

  it.each([
    ['kind: x', "additional-versions: expected a mapping with a `deprecated-versions:` list (pluto's versions file format)"],
    ['deprecated-versions: [a: b', /^additional-versions: line 1: not valid YAML/],
    ['deprecated-versions:\n  - version: apps/v1beta1\n    removed-in: v1.16.0\n', 'additional-versions: line 2: kind must be a Kubernetes kind like Deployment, got ""'],
    ['deprecated-versions:\n  - version: apps/v1beta1\n    kind: Deployment\n', 'additional-versions: line 2: apps/v1beta1 Deployment has neither deprecated-in nor removed-in'],
    ['deprecated-versions:\n  - version: apps/v1beta1\n    kind: Deployment\n    removed-in: soon\n', 'additional-versions: line 2: removed-in must be a version like v1.16.0 or 1.16, got "soon"'],
    ['deprecated-versions:\n  - version: apps/v1beta1\n    kind: Deployment\n    removed_in: v1.16.0\n', 'additional-versions: line 2: unknown key removed_in (known: version, kind, deprecated-in, removed-in, replacement-api, replacement-available-in, component)'],
    ['deprecated-versions:\n  - version: Deployment\n    kind: Deployment\n    removed-in: v1.16.0\n', 'additional-versions: line 2: version must be an apiVersion like apps/v1beta1, got "Deployment"'],
  ])('refuses %j on one line', (text, message) => {
    expect(() => parseAdditionalVersions(text, 'additional-versions')).toThrow(message);
  });
});
