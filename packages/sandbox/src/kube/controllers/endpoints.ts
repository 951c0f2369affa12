/**
 * Endpoints and EndpointSlices follow the ready pods a Service selects; a LoadBalancer Service gets
 * an ELB-style hostname, as the AWS load balancer controller would give it.
 */
import type { KubeObject } from '../types.js';
import type { Cluster } from '../cluster.js';
import { typeOf } from '../store.js';
import { controllerRef, podIsActive, podIsReady, templateHash } from './util.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
function targetPort(port: any, pod: KubeObject): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  for (const c of (pod.spec?.containers ?? []) as any[]) for (const p of c.ports ?? []) if (p.name === target) return p.containerPort;
  return undefined;
}

function write(cluster: Cluster, kind: string, apiVersion: string, desired: KubeObject): void {
  const type = typeOf(kind, apiVersion);
  const current = cluster.store.peek(type, desired.metadata.namespace, desired.metadata.name!);
  if (!current) {
    cluster.store.create(type, desired);
    return;
  }
  const { metadata: _m, ...want } = desired;
  const { metadata: _c, apiVersion: _a, kind: _k, ...have } = current;
  const { apiVersion: _a2, kind: _k2, ...wantBody } = want;
  if (JSON.stringify(wantBody) !== JSON.stringify(have)) cluster.store.update(type, { ...current, ...wantBody, metadata: { ...current.metadata, labels: desired.metadata.labels } } as KubeObject);
}

export function syncEndpoints(cluster: Cluster): void {
  const svcType = typeOf('Service', 'v1');
  const epType = typeOf('Endpoints', 'v1');
  const services = cluster.store.scan(svcType);
  const pods = cluster.store.scan(typeOf('Pod', 'v1'));
  for (const svc of services) {
    const ns = svc.metadata.namespace;
    const name = svc.metadata.name!;
    if (svc.spec?.type === 'LoadBalancer' && !svc.status?.loadBalancer?.ingress) {
      cluster.store.mutate(svcType, ns, name, (o) => {
        o.status = { loadBalancer: { ingress: [{ hostname: `a${templateHash(o.metadata.uid)}-${templateHash(name)}.elb.us-east-1.amazonaws.com` }] } };
      }, { subresource: 'status' });
    }
    const selector = svc.spec?.selector as Record<string, string> | undefined;
    if (!selector || Object.keys(selector).length === 0) continue;
    const selected = pods.filter((p) => p.metadata.namespace === ns && podIsActive(p) && p.status?.podIP && Object.entries(selector).every(([k, v]) => p.metadata.labels?.[k] === v));
    const ports = (svc.spec?.ports ?? []) as any[];
    const address = (p: KubeObject) => ({ ip: p.status.podIP, nodeName: p.spec.nodeName, targetRef: { kind: 'Pod', namespace: ns, name: p.metadata.name, uid: p.metadata.uid } });
    const ready = selected.filter(podIsReady);
    const notReady = selected.filter((p) => !podIsReady(p));
    const epPorts = ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), port: (selected[0] && targetPort(p, selected[0])) ?? p.port, protocol: p.protocol ?? 'TCP' }));
    write(cluster, 'Endpoints', 'v1', {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name, namespace: ns, labels: { ...(svc.metadata.labels ?? {}) } },
      ...(selected.length > 0 ? { subsets: [{ ...(ready.length ? { addresses: ready.map(address) } : {}), ...(notReady.length ? { notReadyAddresses: notReady.map(address) } : {}), ports: epPorts }] } : {}),
    });
    write(cluster, 'EndpointSlice', 'discovery.k8s.io/v1', {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: `${name}-sandbox`, namespace: ns, labels: { 'kubernetes.io/service-name': name, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' }, ownerReferences: [controllerRef(svc)] },
      addressType: 'IPv4',
      endpoints: selected.map((p) => ({ addresses: [p.status.podIP], conditions: { ready: podIsReady(p), serving: podIsReady(p), terminating: false }, nodeName: p.spec.nodeName, targetRef: address(p).targetRef })),
      ports: epPorts,
    });
  }
  for (const ep of cluster.store.scan(epType)) {
    if (!services.some((s) => s.metadata.namespace === ep.metadata.namespace && s.metadata.name === ep.metadata.name)) cluster.store.delete(epType, ep.metadata.namespace, ep.metadata.name!);
  }
}
