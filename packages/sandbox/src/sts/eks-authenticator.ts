import { request as httpRequest } from 'node:http';
import { parseAmzDate } from '../aws/sigv4.js';
import { EKS_TOKEN_PREFIX } from './token.js';
import { PRESIGNED_LIFETIME_MS } from './presigned.js';

/** Who a verified token belongs to, as STS reports it. */
export interface CallerIdentity {
  arn: string;
  account: string;
  userId: string;
}

/** An EKS access entry (or aws-auth mapping): which IAM principal is which Kubernetes user. */
export interface AccessEntry {
  /** IAM role or user ARN, e.g. `arn:aws:iam::111122223333:role/eks-kit-deployer`. */
  principalArn: string;
  /** Default: the session ARN for roles (`arn:aws:sts::…:assumed-role/<role>/<session>`), the ARN for users. */
  username?: string;
  groups?: string[];
}

export interface KubernetesUser {
  username: string;
  groups: string[];
}

export class EksTokenRejected extends Error {}

const MAX_TOKEN_BYTES = 4 * 1024;
const ALLOWED_PARAMETERS = new Set([
  'action',
  'version',
  'x-amz-algorithm',
  'x-amz-credential',
  'x-amz-date',
  'x-amz-expires',
  'x-amz-security-token',
  'x-amz-signature',
  'x-amz-signedheaders',
]);
const STS_HOST = /^sts(\.[a-z0-9-]+)?\.amazonaws\.com(\.cn)?$/;

/**
 * Verifies an EKS bearer token the way the EKS control plane does: check the presigned URL's
 * shape, then replay it against STS (here: the sandbox STS) with the cluster's `x-k8s-aws-id`.
 */
export async function verifyEksToken(
  token: string,
  options: { stsUrl: string; clusterName: string; now?: Date },
): Promise<CallerIdentity> {
  const sts = new URL(options.stsUrl);
  const url = presignedUrl(token, options.now ?? new Date(), sts.host);
  const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: sts.hostname,
        port: sts.port,
        method: 'GET',
        path: `${url.pathname}${url.search}`,
        // The signature covers the host the token names, not the loopback address it is replayed to.
        headers: { host: url.host, 'x-k8s-aws-id': options.clusterName, accept: 'application/xml' },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    outgoing.once('error', reject);
    outgoing.end();
  });
  if (answer.status !== 200) {
    const code = /<Code>([^<]*)<\/Code>/.exec(answer.body)?.[1] ?? `HTTP ${answer.status}`;
    throw new EksTokenRejected(`STS refused the token: ${code}`);
  }
  const field = (name: string) => {
    const value = new RegExp(`<${name}>([^<]*)</${name}>`).exec(answer.body)?.[1];
    if (!value) throw new EksTokenRejected(`STS answer has no ${name}`);
    return value;
  };
  return { arn: field('Arn'), account: field('Account'), userId: field('UserId') };
}

/**
 * The checks EKS makes on the URL inside a token. Besides real STS hosts, the sandbox STS itself is
 * accepted: clients that honour AWS_ENDPOINT_URL_STS (e.g. `aws eks get-token`) presign for it.
 */
function presignedUrl(token: string, now: Date, sandboxStsHost: string): URL {
  if (!token.startsWith(EKS_TOKEN_PREFIX)) throw new EksTokenRejected(`token does not start with ${EKS_TOKEN_PREFIX}`);
  if (token.length > MAX_TOKEN_BYTES) throw new EksTokenRejected('token is longer than 4 KiB');
  let url: URL;
  try {
    url = new URL(Buffer.from(token.slice(EKS_TOKEN_PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    throw new EksTokenRejected('token does not hold a URL');
  }
  const isSandboxSts = url.protocol === 'http:' && url.host === sandboxStsHost;
  if (!isSandboxSts) {
    if (url.protocol !== 'https:') throw new EksTokenRejected('token URL is not https');
    if (!STS_HOST.test(url.hostname)) throw new EksTokenRejected(`token URL host ${url.hostname} is not an STS endpoint`);
  }
  if (url.pathname !== '/') throw new EksTokenRejected('token URL path is not /');
  const params = new Map<string, string>();
  for (const [key, value] of url.searchParams) {
    if (!ALLOWED_PARAMETERS.has(key.toLowerCase())) throw new EksTokenRejected(`token URL has a non-allowed parameter ${key}`);
    params.set(key.toLowerCase(), value);
  }
  if (params.get('action') !== 'GetCallerIdentity') throw new EksTokenRejected('token URL action is not GetCallerIdentity');
  if (!(params.get('x-amz-signedheaders') ?? '').split(';').includes('x-k8s-aws-id')) {
    throw new EksTokenRejected('x-k8s-aws-id is not a signed header');
  }
  const expires = Number(params.get('x-amz-expires'));
  if (!Number.isInteger(expires) || expires < 0 || expires > 900) throw new EksTokenRejected('X-Amz-Expires is not between 0 and 900');
  const signedAt = parseAmzDate(params.get('x-amz-date'));
  if (!signedAt) throw new EksTokenRejected('X-Amz-Date is missing or malformed');
  if (now.getTime() - signedAt.getTime() > PRESIGNED_LIFETIME_MS) throw new EksTokenRejected('token has expired');
  return url;
}

/** Maps a caller to a Kubernetes user through access entries; undefined when none applies (401). */
export function mapToKubernetesUser(caller: CallerIdentity, entries: readonly AccessEntry[]): KubernetesUser | undefined {
  const assumed = /^arn:(aws[a-z-]*):sts::(\d+):assumed-role\/([^/]+)\/(.+)$/.exec(caller.arn);
  const principal = assumed ? `arn:${assumed[1]}:iam::${assumed[2]}:role/${assumed[3]}` : caller.arn;
  const entry = entries.find((e) => stripRolePath(e.principalArn) === principal);
  if (!entry) return undefined;
  const sessionName = assumed?.[4] ?? '';
  const username = (entry.username ?? (assumed ? `arn:${assumed[1]}:sts::${assumed[2]}:assumed-role/${assumed[3]}/{{SessionName}}` : caller.arn))
    .replace('{{SessionName}}', sessionName)
    .replace('{{AccountID}}', caller.account);
  return { username, groups: entry.groups ?? [] };
}

/** EKS matches roles without their IAM path (`role/team/x` is `role/x`). */
function stripRolePath(arn: string): string {
  return arn.replace(/:role\/(?:[^/]+\/)+([^/]+)$/, ':role/$1');
}

/** The `authenticate` hook a Kubernetes API stand-in uses: bearer token → user, or undefined for 401. */
export function eksTokenAuthenticator(options: {
  stsUrl: string;
  clusterName: string;
  accessEntries: () => readonly AccessEntry[];
}): (bearerToken: string) => Promise<KubernetesUser | undefined> {
  return async (bearerToken) => {
    try {
      const caller = await verifyEksToken(bearerToken, { stsUrl: options.stsUrl, clusterName: options.clusterName });
      return mapToKubernetesUser(caller, options.accessEntries());
    } catch (error) {
      if (error instanceof EksTokenRejected) return undefined;
      throw error;
    }
  };
}
