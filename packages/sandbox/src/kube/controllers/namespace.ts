/** Every namespace gets its `default` ServiceAccount and `kube-root-ca.crt` ConfigMap, as on EKS. */
import type { Cluster } from '../cluster.js';
import { typeOf } from '../store.js';

const seeded = new WeakMap<Cluster, Set<string>>();

export function syncNamespaces(cluster: Cluster): void {
  const done = seeded.get(cluster) ?? new Set<string>();
  seeded.set(cluster, done);
  const saType = typeOf('ServiceAccount', 'v1');
  const cmType = typeOf('ConfigMap', 'v1');
  for (const ns of cluster.store.scan(typeOf('Namespace', 'v1'))) {
    const name = ns.metadata.name!;
    const key = `${name}/${ns.metadata.uid}`;
    if (done.has(key)) continue;
    done.add(key);
    if (!cluster.store.peek(saType, name, 'default')) cluster.store.create(saType, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: name } });
    if (!cluster.store.peek(cmType, name, 'kube-root-ca.crt')) {
      cluster.store.create(cmType, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt', namespace: name }, data: { 'ca.crt': '-----BEGIN CERTIFICATE-----\n(sandbox)\n-----END CERTIFICATE-----\n' } });
    }
  }
}
