/** The few validation rules whose 422 answers kubectl users actually meet. */
import type { KubeObject } from './types.js';
import type { ResourceType } from './resources.js';
import type { StatusCause } from './status.js';
import { errors } from './status.js';
import { selectorMatcher } from './selectors.js';

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/* eslint-disable @typescript-eslint/no-explicit-any */
function podSpecCauses(spec: any, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  if (!spec || !Array.isArray(spec.containers) || spec.containers.length === 0) {
    causes.push({ reason: 'FieldValueRequired', message: 'Required value', field: `${path}.containers` });
    return causes;
  }
  spec.containers.forEach((c: any, i: number) => {
    if (!c?.name) causes.push({ reason: 'FieldValueRequired', message: 'Required value', field: `${path}.containers[${i}].name` });
    if (!c?.image) causes.push({ reason: 'FieldValueRequired', message: 'Required value', field: `${path}.containers[${i}].image` });
  });
  return causes;
}

export function validate(type: ResourceType, obj: KubeObject): void {
  const name = obj.metadata.name ?? '';
  const causes: StatusCause[] = [];
  if (!NAME.test(name) || name.length > 253) {
    causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`, field: 'metadata.name' });
  }
  const spec = obj.spec as any;
  const workload = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'].includes(type.kind);
  if (workload) {
    if (!spec?.selector) causes.push({ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.selector' });
    else if (!selectorMatcher(spec.selector)(spec.template?.metadata?.labels ?? {})) {
      causes.push({ reason: 'FieldValueInvalid', message: 'Invalid value: map[string]string(nil): `selector` does not match template `labels`', field: 'spec.template.metadata.labels' });
    }
    if (typeof spec?.replicas === 'number' && spec.replicas < 0) {
      causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${spec.replicas}: must be greater than or equal to 0`, field: 'spec.replicas' });
    }
  }
  if (workload || type.kind === 'Job') causes.push(...podSpecCauses(spec?.template?.spec, 'spec.template.spec'));
  if (type.kind === 'Pod') causes.push(...podSpecCauses(spec, 'spec'));
  if (type.kind === 'Job' && spec?.template?.spec && !['Never', 'OnFailure'].includes(spec.template.spec.restartPolicy)) {
    causes.push({ reason: 'FieldValueNotSupported', message: `Unsupported value: "${spec.template.spec.restartPolicy}": supported values: "OnFailure", "Never"`, field: 'spec.template.spec.restartPolicy' });
  }
  if (causes.length > 0) throw errors.invalid(type, name, causes);
}
