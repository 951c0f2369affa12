import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { extractTypes } from '../src/manifests/documents.js';
import removedApiData from '../src/data/removed-apis.json' with { type: 'json' };
import { judgeApi, type ApiLifecycle } from '../src/manifests/removed-apis.js';
import { compareVersions } from '../src/version.js';
import { collectManifestTypes, judgeManifests, scanManifests } from '../src/manifests/scan.js';
import { CommandError, type CommandRunner } from '@eks-kit/core';

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'eks-manifests-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const MULTI = `# comment
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
---
apiVersion: policy/v1beta1
kind: PodDisruptionBudget
metadata:
  name: web
---
# empty document above is fine
apiVersion: flowcontrol.apiserver.k8s.io/v1beta3
kind: FlowSchema
metadata:
  name: fs
`;

const HELM = `{{- if .Values.enabled }}
apiVersion: batch/v1beta1
kind: CronJob
metadata:
  name: {{ include "app.fullname" . }}
  labels:
    {{- include "app.labels" . | nindent 4 }}
spec:
  schedule: "*/5 * * * *"
---
apiVersion: {{ .Values.hpaApiVersion }}
kind: HorizontalPodAutoscaler
{{- end }}
`;

describe('removed and deprecated APIs', () => {
  it('judges by target version with the replacement', () => {
    expect(judgeApi('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', '1.32')).toMatchObject({ status: 'removed', since: '1.32', replacement: 'flowcontrol.apiserver.k8s.io/v1' });
    expect(judgeApi('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', '1.31')).toMatchObject({ status: 'deprecated' });
    expect(judgeApi('apps/v1', 'Deployment', '1.35')).toBeUndefined();
    expect(judgeApi('policy/v1beta1', 'PodSecurityPolicy', '1.25')).toMatchObject({ status: 'removed' });
    expect(judgeApi('policy/v1beta1', 'PodSecurityPolicy', '1.25')?.replacement).toBeUndefined();
  });
});

describe('manifest scanning', () => {
  it('finds every apiVersion/kind of a multi-document file with its line', () => {
    const result = extractTypes(MULTI);
    expect(result.documents).toBe(3);
    expect(result.references).toEqual([
      { apiVersion: 'apps/v1', kind: 'Deployment', line: 2 },
      { apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', line: 7 },
      { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kind: 'FlowSchema', line: 13 },
    ]);
  });

  it('reads flow-style and JSON documents with the parser', () => {
    expect(extractTypes('{"apiVersion": "policy/v1beta1", "kind": "PodDisruptionBudget"}\n').references).toEqual([{ apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', line: 1 }]);
    expect(extractTypes('---\n"apiVersion": batch/v1beta1\n"kind": CronJob\n').references).toEqual([{ apiVersion: 'batch/v1beta1', kind: 'CronJob', line: 2 }]);
  });

  it('looks inside kind: List', () => {
    const list = 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: batch/v1beta1\n    kind: CronJob\n    metadata: {name: a}\n';
    expect(extractTypes(list).references).toContainEqual({ apiVersion: 'batch/v1beta1', kind: 'CronJob', line: 4 });
  });

  it('scans a Helm template line by line, skipping template lines and saying how many', () => {
    const result = extractTypes(HELM);
    expect(result.references).toEqual([{ apiVersion: 'batch/v1beta1', kind: 'CronJob', line: 2 }]);
    expect(result.skippedTemplateLines).toBe(5);
    expect(result.templatedTypes).toBe(1);
  });

  it('reports file, line and replacement across a repository, against the target version', async () => {
    const root = repo({
      'k8s/app.yaml': MULTI,
      'charts/app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\n',
      'charts/app/templates/cronjob.yaml': HELM,
      '.github/workflows/ci.yml': 'on: push\njobs: {}\n',
      'node_modules/x/bad.yaml': 'apiVersion: extensions/v1beta1\nkind: Ingress\n',
    });
    const scan = await scanManifests({ root, targetVersion: '1.32', currentVersion: '1.31' });
    expect(scan.files).toBe(4);
    expect(scan.findings).toEqual([
      { file: 'charts/app/templates/cronjob.yaml', line: 2, apiVersion: 'batch/v1beta1', kind: 'CronJob', status: 'removed', since: '1.25', replacement: 'batch/v1' },
      { file: 'k8s/app.yaml', line: 7, apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', status: 'removed', since: '1.25', replacement: 'policy/v1' },
      { file: 'k8s/app.yaml', line: 13, apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kind: 'FlowSchema', status: 'removed', since: '1.32', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
    ]);
    expect(scan.templated).toEqual([{ file: 'charts/app/templates/cronjob.yaml', skippedLines: 5, templatedTypes: 1 }]);
  });

  it('falls back to the line scanner for YAML that does not parse, and says so', () => {
    const result = extractTypes('apiVersion: batch/v1beta1\nkind: CronJob\n---\n{apiVersion: v1, kind: [unclosed\n');
    expect(result.parseError).toBeDefined();
    expect(result.references).toEqual([{ apiVersion: 'batch/v1beta1', kind: 'CronJob', line: 1 }]);
  });
});

describe('Helm charts', () => {
  const chart = {
    'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
    'charts/web/values.yaml': 'hpa: true\n',
    'charts/web/templates/hpa.yaml': HELM,
    'charts/web/templates/pdb.yaml': '{{- if .Values.pdb }}\napiVersion: {{ include "pdb.apiVersion" . }}\nkind: PodDisruptionBudget\n{{- end }}\n',
  };
  // What `helm template` prints: one document per object, each after a `# Source:` comment.
  const rendered = ['---', '# Source: web/templates/pdb.yaml', 'apiVersion: policy/v1beta1', 'kind: PodDisruptionBudget', 'metadata:', '  name: eks-kit-scan-web', '---', '# Source: web/templates/hpa.yaml', 'apiVersion: batch/v1beta1', 'kind: CronJob', 'metadata:', '  name: eks-kit-scan-web', ''].join('\n');

  it('judges what the chart renders, attributed to the template file and its apiVersion line', async () => {
    const calls: string[][] = [];
    const runner: CommandRunner = { run: async (command, args) => (calls.push([command, ...args]), { exitCode: 0, stdout: rendered, stderr: '' }) };
    const root = repo(chart);
    const types = await collectManifestTypes({ root, runner });
    expect(calls).toEqual([['helm', 'template', 'eks-kit-scan', path.join(root, 'charts/web')]]);
    expect(types.charts).toEqual([{ chart: 'charts/web', rendered: true }]);
    expect(types.templated).toEqual([]);
    expect(judgeManifests(types, '1.30').findings).toEqual([
      expect.objectContaining({ file: 'charts/web/templates/hpa.yaml', line: 2, apiVersion: 'batch/v1beta1', status: 'removed' }),
      expect.objectContaining({ file: 'charts/web/templates/pdb.yaml', line: 2, apiVersion: 'policy/v1beta1', replacement: 'policy/v1' }),
    ]);
  });

  it('scans line by line, and says why, when helm is missing or fails', async () => {
    const runner: CommandRunner = { run: async () => Promise.reject(new CommandError('helm', null, '', 'helm was not found on PATH')) };
    const types = await collectManifestTypes({ root: repo(chart), runner });
    expect(types.charts).toEqual([{ chart: 'charts/web', rendered: false, reason: 'helm was not found on PATH' }]);
    expect(types.templated.map((t) => t.file)).toEqual(['charts/web/templates/hpa.yaml', 'charts/web/templates/pdb.yaml']);
    expect(judgeManifests(types, '1.30').findings.map((f) => f.file)).toEqual(['charts/web/templates/hpa.yaml']);
  });
});

describe('bundled API list (data/removed-apis.json)', () => {
  const apis = removedApiData.apis as (ApiLifecycle & { source?: string })[];
  const k8s = apis.filter((a) => a.component === 'k8s');

  it('names a source for every entry, the migration guide for every removal it lists', () => {
    expect(apis.filter((a) => !a.source)).toEqual([]);
    const flow = k8s.filter((a) => a.apiVersion === 'flowcontrol.apiserver.k8s.io/v1beta3');
    expect(flow.map((a) => a.source)).toEqual([expect.stringMatching(/Deprecated API Migration Guide .*v1\.32/), expect.stringMatching(/Deprecated API Migration Guide .*v1\.32/)]);
  });

  it('has flowcontrol v1beta3 deprecated in 1.29 and removed in 1.32, with v1 served since 1.29 (the guide, not pluto)', () => {
    const flow = k8s.filter((a) => a.apiVersion === 'flowcontrol.apiserver.k8s.io/v1beta3');
    expect(flow.map((a) => [a.kind, a.deprecatedIn, a.removedIn, a.replacement, a.replacementAvailableIn])).toEqual([
      ['FlowSchema', '1.29', '1.32', 'flowcontrol.apiserver.k8s.io/v1', '1.29'],
      ['PriorityLevelConfiguration', '1.29', '1.32', 'flowcontrol.apiserver.k8s.io/v1', '1.29'],
    ]);
  });

  it('orders every Kubernetes entry: the replacement is served by the removal, deprecation comes no later', () => {
    for (const a of k8s) {
      if (a.removedIn && a.deprecatedIn) expect([a.apiVersion, a.kind, compareVersions(a.deprecatedIn, a.removedIn) <= 0]).toEqual([a.apiVersion, a.kind, true]);
      if (a.removedIn && a.replacementAvailableIn) expect([a.apiVersion, a.kind, compareVersions(a.replacementAvailableIn, a.removedIn) <= 0]).toEqual([a.apiVersion, a.kind, true]);
    }
  });
});
