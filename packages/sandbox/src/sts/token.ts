import { encodeRfc3986, emptyPayloadHash, signature } from '../aws/sigv4.js';

export const EKS_TOKEN_PREFIX = 'k8s-aws-v1.';

export interface EksTokenInput {
  clusterName: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  now?: Date;
}

/**
 * An EKS bearer token as aws-iam-authenticator and `aws eks get-token` make it: a presigned STS
 * GetCallerIdentity URL with the cluster name as the signed `x-k8s-aws-id` header.
 */
export function createEksToken(input: EksTokenInput): string {
  const host = `sts.${input.region}.amazonaws.com`;
  const amzDate = (input.now ?? new Date()).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const scope = { accessKeyId: input.accessKeyId, day, region: input.region, service: 'sts' };
  const query: [string, string][] = [
    ['Action', 'GetCallerIdentity'],
    ['Version', '2011-06-15'],
    ['X-Amz-Algorithm', 'AWS4-HMAC-SHA256'],
    ['X-Amz-Credential', `${input.accessKeyId}/${day}/${input.region}/sts/aws4_request`],
    ['X-Amz-Date', amzDate],
    ['X-Amz-Expires', '60'],
    ['X-Amz-SignedHeaders', 'host;x-k8s-aws-id'],
  ];
  if (input.sessionToken) query.push(['X-Amz-Security-Token', input.sessionToken]);
  query.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const sig = signature(
    {
      method: 'GET',
      rawPath: '/',
      query,
      headers: { host, 'x-k8s-aws-id': input.clusterName },
      signedHeaders: ['host', 'x-k8s-aws-id'],
      payloadHash: emptyPayloadHash(),
      amzDate,
      scope,
      doubleEncodePath: true,
    },
    input.secretAccessKey,
  );
  const queryString = query.map(([k, v]) => `${encodeRfc3986(k)}=${encodeRfc3986(v)}`).join('&');
  const url = `https://${host}/?${queryString}&X-Amz-Signature=${sig}`;
  return EKS_TOKEN_PREFIX + Buffer.from(url).toString('base64url');
}
