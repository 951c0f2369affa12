/** What keeps a container from starting: missing ConfigMaps/Secrets, and image pull failures. */
import type { KubeObject } from '../types.js';
import type { Cluster } from '../cluster.js';
import type { FailureMode } from '../scenario.js';
import { typeOf } from '../store.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
export function envConfigProblem(cluster: Cluster, pod: KubeObject, container: any): string | undefined {
  const ns = pod.metadata.namespace;
  const cmType = typeOf('ConfigMap', 'v1');
  const secretType = typeOf('Secret', 'v1');
  for (const e of container?.env ?? []) {
    const cm = e?.valueFrom?.configMapKeyRef;
    if (cm && !cm.optional) {
      const obj = cluster.store.peek(cmType, ns, cm.name);
      if (!obj) return `configmap "${cm.name}" not found`;
      if (!(cm.key in ((obj.data as object | undefined) ?? {}))) return `couldn't find key ${cm.key} in ConfigMap ${ns}/${cm.name}`;
    }
    const sec = e?.valueFrom?.secretKeyRef;
    if (sec && !sec.optional) {
      const obj = cluster.store.peek(secretType, ns, sec.name);
      if (!obj) return `secret "${sec.name}" not found`;
      if (!(sec.key in ((obj.data as object | undefined) ?? {}))) return `couldn't find key ${sec.key} in Secret ${ns}/${sec.name}`;
    }
  }
  for (const from of container?.envFrom ?? []) {
    if (from?.configMapRef && !from.configMapRef.optional && !cluster.store.peek(cmType, ns, from.configMapRef.name)) return `configmap "${from.configMapRef.name}" not found`;
    if (from?.secretRef && !from.secretRef.optional && !cluster.store.peek(secretType, ns, from.secretRef.name)) return `secret "${from.secretRef.name}" not found`;
  }
  return undefined;
}

/** A volume whose ConfigMap/Secret is missing keeps the pod in ContainerCreating (FailedMount). */
export function mountProblem(cluster: Cluster, pod: KubeObject): string | undefined {
  const ns = pod.metadata.namespace;
  for (const v of pod.spec?.volumes ?? []) {
    if (v?.configMap && !v.configMap.optional && !cluster.store.peek(typeOf('ConfigMap', 'v1'), ns, v.configMap.name)) {
      return `MountVolume.SetUp failed for volume "${v.name}" : configmap "${v.configMap.name}" not found`;
    }
    if (v?.secret && !v.secret.optional && !cluster.store.peek(typeOf('Secret', 'v1'), ns, v.secret.secretName)) {
      return `MountVolume.SetUp failed for volume "${v.name}" : secret "${v.secret.secretName}" not found`;
    }
  }
  return undefined;
}

/** A registry host that cannot resolve (RFC 2606's .invalid), as a typo in the registry name gives. */
export function unresolvableHost(image: string): boolean {
  const host = image.split('/')[0] ?? '';
  return image.includes('/') && /\.invalid(:\d+)?$/.test(host);
}

export function pullMessage(image: string, failure: FailureMode | 'unknown'): string {
  const host = image.split('/')[0] ?? '';
  if (unresolvableHost(image)) {
    return `failed to pull and unpack image "${image}": failed to resolve reference "${image}": failed to do request: Head "https://${host}/v2/": dial tcp: lookup ${host.replace(/:\d+$/, '')} on 10.100.0.10:53: no such host`;
  }
  if (failure === 'image-pull-error') {
    return `failed to pull and unpack image "${image}": failed to resolve reference "${image}": failed to do request: Head "https://${image.split('/')[0]}/v2/": dial tcp: i/o timeout`;
  }
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": ${image}: not found`;
}
