import { createHash } from 'node:crypto';
import { AwsError } from '../aws/errors.js';
import type { AwsIdentity, IdentityStore } from '../aws/identities.js';

/** A role another account's principals may assume. */
export interface RoleSeed {
  /** `arn:aws:iam::444455556666:role/eks-kit-drift-reader` */
  roleArn: string;
  /** Principals (user or role ARNs) its trust policy names; default every sandbox identity. */
  trusts?: string[];
}

export interface StsScenario {
  roles?: RoleSeed[];
}

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

export interface AssumedRole {
  identity: AwsIdentity;
  expiration: Date;
  assumedRoleId: string;
}

/**
 * AssumeRole as STS decides it: a malformed ARN or session name is a ValidationError, a role that
 * does not exist or does not trust the caller is AccessDenied with IAM's sentence. The session's
 * keys join the identity store, so the other stand-ins accept them (as the assumed role's account).
 */
export function assumeRole(roles: readonly RoleSeed[], identities: IdentityStore, caller: AwsIdentity, params: Map<string, string>, now: Date): AssumedRole {
  const roleArn = params.get('RoleArn') ?? '';
  const session = params.get('RoleSessionName') ?? '';
  const duration = Number(params.get('DurationSeconds') ?? '3600');
  const arn = ROLE_ARN.exec(roleArn);
  if (!arn) throw new AwsError('ValidationError', `${roleArn || 'RoleArn'} is invalid`, 400);
  if (!SESSION_NAME.test(session)) throw new AwsError('ValidationError', `1 validation error detected: Value '${session}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`, 400);
  if (!Number.isInteger(duration) || duration < 900 || duration > 43_200) throw new AwsError('ValidationError', `1 validation error detected: Value '${duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200`, 400);
  const role = roles.find((r) => r.roleArn === roleArn);
  if (!role || (role.trusts && !role.trusts.includes(principalOf(caller)))) {
    throw new AwsError('AccessDenied', `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, 403);
  }
  const [, account, name] = arn as unknown as [string, string, string];
  const id = createHash('sha256').update(`${roleArn}/${session}/${now.getTime()}/${Math.random()}`).digest('hex').toUpperCase();
  const roleId = `AROA${createHash('sha256').update(roleArn).digest('hex').slice(0, 17).toUpperCase()}`;
  const identity: AwsIdentity = {
    accessKeyId: `ASIA${id.slice(0, 16)}`,
    secretAccessKey: `eks-kit-sandbox/assumed/${id.slice(16, 52)}`,
    sessionToken: `eks-kit-sandbox-session-${id.slice(0, 48)}`,
    account,
    arn: `arn:aws:sts::${account}:assumed-role/${name}/${session}`,
    userId: `${roleId}:${session}`,
  };
  identities.add(identity);
  return { identity, expiration: new Date(now.getTime() + duration * 1000), assumedRoleId: identity.userId };
}

/** The principal a trust policy names for a caller: the role ARN for a role session, else its ARN. */
function principalOf(caller: AwsIdentity): string {
  const session = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(caller.arn);
  return session ? `arn:aws:iam::${session[1]}:role/${session[2]}` : caller.arn;
}
