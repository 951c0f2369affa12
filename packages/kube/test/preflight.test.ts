import { describe, expect, it } from '@jest/globals';
import { parseManifests } from '../src/manifests/parse.js';
import { preflight } from '../src/preflight.js';

const risky = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    spec:
      hostNetwork: true
      containers:
        - name: agent
          image: agent:1.0
          ports:
            - containerPort: 80
              hostPort: 80
          securityContext:
            privileged: true
            runAsUser: 0
`;

const hardened = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      securityContext:
        runAsNonRoot: true
      containers:
        - name: web
          image: repo/web@sha256:${'d'.repeat(64)}
          readinessProbe:
            httpGet: { path: /healthz, port: 8080 }
          resources:
            requests: { cpu: 100m, memory: 128Mi }
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
`;

describe('preflight', () => {
  it('reports each risk at its file and line', () => {
    const findings = preflight(parseManifests(risky, 'agent.yaml'), { fargate: true });
    const at = (rule: string) => findings.filter((f) => f.rule === rule).map((f) => f.line);
    expect(at('EKD001')).toEqual([17]);
    expect(at('EKD002')).toEqual([16]);
    expect(at('EKD003')).toEqual([]); // privileged already implies it; one finding is enough
    expect(at('EKD005')).toEqual([10]);
    expect(at('EKD006')).toEqual([10]);
    expect(at('EKD007')).toEqual([11]);
    expect(at('EKD008').sort((a, b) => a - b)).toEqual([2, 8, 14, 16]);
    expect(findings.every((f) => f.file === 'agent.yaml' && f.resource === 'DaemonSet/agent')).toBe(true);
  });

  it('has nothing to say about a hardened Deployment pinned by digest', () => {
    expect(preflight(parseManifests(hardened, 'web.yaml'), { fargate: true })).toEqual([]);
  });

  it('skips ignored rules and Fargate rules unless asked', () => {
    const findings = preflight(parseManifests(risky, 'agent.yaml'), { ignore: ['EKD005', 'EKD006'] });
    expect(findings.map((f) => f.rule).sort()).toEqual(['EKD001', 'EKD002', 'EKD004', 'EKD007']);
  });
});
