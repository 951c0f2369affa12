/** Errors the way kube-apiserver reports them: a metav1.Status with the matching HTTP code. */
import type { ResourceType } from './resources.js';
import { qualifiedName } from './resources.js';

export interface StatusCause {
  reason?: string;
  message: string;
  field?: string;
}

export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message: string;
  reason: string;
  details?: { name?: string; group?: string; kind?: string; causes?: StatusCause[]; retryAfterSeconds?: number };
  code: number;
}

export class KubeError extends Error {
  readonly body: StatusBody;
  constructor(code: number, reason: string, message: string, details?: StatusBody['details']) {
    super(message);
    this.body = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code, ...(details ? { details } : {}) };
  }
  get code(): number {
    return this.body.code;
  }
}

function detailsOf(type: ResourceType, name?: string): StatusBody['details'] {
  return { ...(name !== undefined ? { name } : {}), group: type.group, kind: type.plural };
}

/**
 * The API server's wording: one conflict on one line; several grouped by manager, one field a
 * line ("conflicts with "kubectl" using apps/v1:\n- .spec.replicas").
 */
function applyConflictMessage(causes: StatusCause[]): string {
  if (causes.length === 1) return `Apply failed with 1 conflict: ${causes[0]!.message}: ${causes[0]!.field}`;
  const byManager = new Map<string, string[]>();
  for (const c of causes) {
    const manager = c.message.replace(/^conflict with /, '');
    byManager.set(manager, [...(byManager.get(manager) ?? []), c.field ?? '']);
  }
  const parts = [...byManager].sort(([a], [b]) => a.localeCompare(b)).flatMap(([manager, fields]) => [`conflicts with ${manager}:`, ...fields.map((f) => `- ${f}`)]);
  return `Apply failed with ${causes.length} conflicts: ${parts.join('\n')}`;
}

export const errors = {
  notFound: (type: ResourceType, name: string) =>
    new KubeError(404, 'NotFound', `${qualifiedName(type)} "${name}" not found`, detailsOf(type, name)),
  alreadyExists: (type: ResourceType, name: string) =>
    new KubeError(409, 'AlreadyExists', `${qualifiedName(type)} "${name}" already exists`, detailsOf(type, name)),
  conflict: (type: ResourceType, name: string, why: string) =>
    new KubeError(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedName(type)} "${name}": ${why}`, detailsOf(type, name)),
  applyConflict: (type: ResourceType, name: string, causes: StatusCause[]) =>
    new KubeError(
      409,
      'Conflict',
      applyConflictMessage(causes),
      { ...detailsOf(type, name), causes },
    ),
  invalid: (type: ResourceType, name: string, causes: StatusCause[]) =>
    new KubeError(
      422,
      'Invalid',
      `${type.kind}${type.group ? '.' + type.group : ''} "${name}" is invalid: ${causes.map((c) => `${c.field}: ${c.message}`).join(', ')}`,
      { name, group: type.group, kind: type.kind, causes },
    ),
  badRequest: (message: string) => new KubeError(400, 'BadRequest', message),
  unauthorized: () => new KubeError(401, 'Unauthorized', 'Unauthorized'),
  methodNotAllowed: (message = 'the server does not allow this method on the requested resource') =>
    new KubeError(405, 'MethodNotAllowed', message),
  unsupportedMediaType: (contentType: string) =>
    new KubeError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json; got ${contentType}`),
  /** What a server without the group/version or CRD answers: a bare 404 NotFound. */
  noResource: () => new KubeError(404, 'NotFound', 'the server could not find the requested resource', {}),
  tooManyRequests: (seconds: number) =>
    new KubeError(429, 'TooManyRequests', 'Too many requests, please try again later.', { retryAfterSeconds: seconds }),
  internal: (message = 'an error on the server ("Internal Server Error") has prevented the request from succeeding') =>
    new KubeError(500, 'InternalError', message),
  gone: (message: string) => new KubeError(410, 'Expired', message),
  namespaceNotFound: (ns: string) =>
    new KubeError(404, 'NotFound', `namespaces "${ns}" not found`, { name: ns, kind: 'namespaces' }),
};
