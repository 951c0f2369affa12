import { describe, expect, it, jest } from '@jest/globals';
import { appManifest, DIGEST, workspaceWith } from './fixtures.js';
import { deploySandbox, image } from './sandbox.js';

jest.setTimeout(180_000);
const env = deploySandbox();

function hpa(target: string, annotations: Record<string, string> = {}): string {
  const lines = Object.entries(annotations).map(([k, v]) => `\n    ${k}: "${v}"`).join('');
  return `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web${lines ? `\n  annotations:${lines}` : ''}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: ${target}
  minReplicas: 2
  maxReplicas: 4
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 70
`;
}

describe('HorizontalPodAutoscaler health (ScalingActive, AbleToScale)', () => {
  it('succeeds once scaling is active (the simulator answers metrics for this HPA)', async () => {
    const namespace = 'hpa-ok';
    const ws = workspaceWith({ 'k8s/app.yaml': appManifest({ namespace, extra: hpa('web', { 'sandbox.eks-kit/metrics': 'available' }) }) });
    const result = await env.run(ws, { namespace, images: `shop/web=${image(DIGEST)}`, 'verify-for': '0' });
    expect(result.outputs.status).toBe('success');
    expect(result.stdout).toMatch(/✓ HorizontalPodAutoscaler\/web: scaling active \(ValidMetricFound\)/);
  });

  it('fails when it cannot scale its target', async () => {
    const namespace = 'hpa-lost';
    const ws = workspaceWith({ 'k8s/app.yaml': appManifest({ namespace, extra: hpa('nope') }) });
    const result = await env.run(ws, { namespace, images: `shop/web=${image(DIGEST)}`, 'verify-for': '0' });
    expect(result.outputs.status).toBe('failure');
    expect(result.failure).toMatch(/HorizontalPodAutoscaler\/web.*cannot scale its target \(AbleToScale False, FailedGetScale: the HPA controller was unable to get the target's current scale: deployments "nope" not found\)/);
  });

  it('without metrics it waits, then times out saying so', async () => {
    const namespace = 'hpa-blind';
    const ws = workspaceWith({ 'k8s/app.yaml': appManifest({ namespace, extra: hpa('web', { 'eks-kit.dev/timeout': '5s' }) }) });
    const result = await env.run(ws, { namespace, images: `shop/web=${image(DIGEST)}`, 'verify-for': '0' });
    expect(result.outputs.status).toBe('timeout');
    expect(result.failure).toMatch(/HorizontalPodAutoscaler\/web.*timed out after 5s: waiting for metrics \(ScalingActive False, FailedGetResourceMetric/);
  });
});
