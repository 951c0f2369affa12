/**
 * Which lists merge element by element, and on which key: the patchMergeKey tags of the built-in
 * Go types, looked up by field name (the same name means the same list across the kinds served).
 */
const BY_FIELD: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  env: 'name',
  imagePullSecrets: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  conditions: 'type',
  ownerReferences: 'uid',
  hostAliases: 'ip',
  containerStatuses: 'name',
};

/** Lists of scalars that merge as sets rather than being replaced. */
export const SET_LISTS = new Set(['finalizers']);

export function mergeKeyFor(field: string, elements: unknown[]): string | undefined {
  if (field === 'ports') {
    // Container ports key on containerPort, Service ports on port.
    const first = elements.find((e) => typeof e === 'object' && e !== null) as Record<string, unknown> | undefined;
    if (!first) return undefined;
    return 'containerPort' in first ? 'containerPort' : 'port';
  }
  return BY_FIELD[field];
}
