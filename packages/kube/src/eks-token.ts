// Not node:crypto: see sha256.ts.
import { hmacSha256, sha256, toHex } from './sha256.js';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface EksTokenRequest {
  clusterName: string;
  region: string;
  credentials: AwsCredentials;
  now?: Date;
}

/** STS accepts a presigned GetCallerIdentity URL for 15 minutes; kubectl asks again one minute early. */
export const TOKEN_LIFETIME_MS = 14 * 60 * 1000;

const sha256Hex = (text: string) => toHex(sha256(text));
// SigV4 wants RFC 3986 encoding, which encodeURIComponent leaves short of.
const encode = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * The bearer token EKS accepts: a SigV4-presigned STS GetCallerIdentity URL with the cluster name
 * signed in the x-k8s-aws-id header, as aws-iam-authenticator and `aws eks get-token` make it.
 */
export function createEksToken({ clusterName, region, credentials, now = new Date() }: EksTokenRequest): string {
  const host = `sts.${region}.amazonaws.com`;
  const amzDate = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const scope = `${day}/${region}/sts/aws4_request`;
  const query: Record<string, string> = {
    Action: 'GetCallerIdentity',
    Version: '2011-06-15',
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': `${credentials.accessKeyId}/${scope}`,
    'X-Amz-Date': amzDate,
    'X-Amz-Expires': '60',
    'X-Amz-SignedHeaders': 'host;x-k8s-aws-id',
  };
  if (credentials.sessionToken) query['X-Amz-Security-Token'] = credentials.sessionToken;
  const canonicalQuery = Object.keys(query)
    .sort()
    .map((key) => `${encode(key)}=${encode(query[key] ?? '')}`)
    .join('&');
  const canonicalRequest = ['GET', '/', canonicalQuery, `host:${host}\nx-k8s-aws-id:${clusterName}\n`, 'host;x-k8s-aws-id', sha256Hex('')].join('\n');
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmacSha256(hmacSha256(hmacSha256(hmacSha256(`AWS4${credentials.secretAccessKey}`, day), region), 'sts'), 'aws4_request');
  const signature = toHex(hmacSha256(signingKey, stringToSign));
  const url = `https://${host}/?${canonicalQuery}&X-Amz-Signature=${signature}`;
  return `k8s-aws-v1.${Buffer.from(url).toString('base64url')}`;
}

/** What an exec credential plugin prints for kubectl (client.authentication.k8s.io/v1beta1). */
export function execCredential(token: string, now: Date = new Date()): string {
  const expires = new Date(now.getTime() + TOKEN_LIFETIME_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return JSON.stringify({
    kind: 'ExecCredential',
    apiVersion: 'client.authentication.k8s.io/v1beta1',
    spec: {},
    status: { expirationTimestamp: expires, token },
  });
}

/**
 * A token source that signs once and again only shortly before STS would refuse the token, so
 * every request of a deploy does not pay for a signature (nor a credentials lookup).
 */
export function cachedEksToken(request: Omit<EksTokenRequest, 'credentials' | 'now'> & { credentials: () => Promise<AwsCredentials> | AwsCredentials; now?: () => number }): () => Promise<string> {
  const now = request.now ?? Date.now;
  let cached: { token: string; until: number } | undefined;
  return async () => {
    if (cached && now() < cached.until) return cached.token;
    const credentials = await request.credentials();
    const at = now();
    cached = { token: createEksToken({ clusterName: request.clusterName, region: request.region, credentials, now: new Date(at) }), until: at + TOKEN_LIFETIME_MS };
    return cached.token;
  };
}
