import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const DIGEST = `sha256:${'a'.repeat(64)}`;
export const OTHER_DIGEST = `sha256:${'b'.repeat(64)}`;

export interface AppOptions {
  namespace: string;
  name?: string;
  image?: string;
  replicas?: number;
  /** sandbox.eks-kit/failure on the pod template. */
  failure?: string;
  progressDeadlineSeconds?: number;
  annotations?: Record<string, string>;
  /** A Namespace document first, so the namespace exists. */
  withNamespace?: boolean;
  extra?: string;
}

/** A small app: namespace, ConfigMap, Deployment and Service, as a user's repository would hold it. */
export function appManifest(o: AppOptions): string {
  const name = o.name ?? 'web';
  const podAnnotations = o.failure ? `\n      annotations:\n        sandbox.eks-kit/failure: ${o.failure}` : '';
  const annotations = Object.entries(o.annotations ?? {}).map(([k, v]) => `\n    ${k}: "${v}"`).join('');
  return `${o.withNamespace === false ? '' : `apiVersion: v1
kind: Namespace
metadata:
  name: ${o.namespace}
---
`}apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-config
data:
  GREETING: hello
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}${annotations ? `\n  annotations:${annotations}` : ''}
spec:
  replicas: ${o.replicas ?? 2}${o.progressDeadlineSeconds ? `\n  progressDeadlineSeconds: ${o.progressDeadlineSeconds}` : ''}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}${podAnnotations}
    spec:
      containers:
        - name: ${name}
          image: ${o.image ?? 'shop/web:latest'}
          envFrom:
            - configMapRef:
                name: ${name}-config
          resources:
            requests:
              cpu: 50m
              memory: 64Mi
---
apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector:
    app: ${name}
  ports:
    - port: 80
${o.extra ? `---\n${o.extra}` : ''}`;
}

/** A Namespace and a DaemonSet "agent" in it. */
export function daemonSetManifest(o: { namespace: string; digest: string; extraSpec?: string; failure?: string }): string {
  return podSetManifest('DaemonSet', o);
}

/** A Namespace and a DaemonSet or StatefulSet "agent" in it (a StatefulSet: give replicas and serviceName in extraSpec). */
export function podSetManifest(kind: 'DaemonSet' | 'StatefulSet', o: { namespace: string; digest: string; extraSpec?: string; failure?: string }): string {
  return `apiVersion: v1
kind: Namespace
metadata:
  name: ${o.namespace}
---
apiVersion: apps/v1
kind: ${kind}
metadata:
  name: agent
spec:${o.extraSpec ?? ''}
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent${o.failure ? `\n      annotations:\n        sandbox.eks-kit/failure: ${o.failure}` : ''}
    spec:
      containers:
        - name: agent
          image: registry.example/shop/agent@${o.digest}
`;
}

export function workspaceWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'eks-kit-deploy-ws-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}
