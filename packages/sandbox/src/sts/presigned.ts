import type { IncomingMessage } from 'node:http';
import type { AuthResult } from '../aws/authenticate.js';
import type { IdentityStore } from '../aws/identities.js';
import { emptyPayloadHash, parseAmzDate, parseCredential, parseQuery, signature, signaturesEqual } from '../aws/sigv4.js';

/** STS honours a presigned GetCallerIdentity for 15 minutes after X-Amz-Date, whatever X-Amz-Expires says. */
export const PRESIGNED_LIFETIME_MS = 15 * 60 * 1000;

/** Checks a query-signed (presigned) request, the form EKS bearer tokens carry. */
export function authenticatePresignedRequest(req: IncomingMessage, identities: IdentityStore, now: Date): AuthResult {
  const [rawPath = '/', rawQuery = ''] = (req.url ?? '/').split('?', 2);
  const query = parseQuery(rawQuery);
  const get = (name: string) => query.find(([key]) => key === name)?.[1];
  const scope = parseCredential(get('X-Amz-Credential') ?? '');
  const given = get('X-Amz-Signature');
  const signedHeaders = get('X-Amz-SignedHeaders');
  const amzDate = get('X-Amz-Date') ?? '';
  const signedAt = parseAmzDate(amzDate);
  if (!scope || !given || !signedHeaders || !signedAt) {
    return { failure: 'missing', message: 'The presigned request lacks X-Amz-Credential, X-Amz-Date, X-Amz-SignedHeaders or X-Amz-Signature.' };
  }
  const identity = identities.find(scope.accessKeyId);
  if (!identity) return { failure: 'unknown-key', message: 'The security token included in the request is invalid.' };
  if (identity.sessionToken !== undefined && get('X-Amz-Security-Token') !== identity.sessionToken) {
    return { failure: 'unknown-key', message: 'The security token included in the request is invalid.' };
  }
  if (now.getTime() - signedAt.getTime() > PRESIGNED_LIFETIME_MS) {
    return { failure: 'skewed', message: `Signature expired: ${amzDate} is now earlier than the allowed 15 minutes.` };
  }
  const parts = {
    method: req.method ?? 'GET',
    rawPath,
    query: query.filter(([key]) => key !== 'X-Amz-Signature'),
    headers: req.headers,
    signedHeaders: signedHeaders.split(';'),
    amzDate,
    scope,
    doubleEncodePath: true,
  };
  // Presigners hash the (empty) payload; some sign the literal UNSIGNED-PAYLOAD instead.
  const matches = [emptyPayloadHash(), 'UNSIGNED-PAYLOAD'].some((payloadHash) =>
    signaturesEqual(signature({ ...parts, payloadHash }, identity.secretAccessKey), given),
  );
  if (!matches) {
    return {
      failure: 'bad-signature',
      message: 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    };
  }
  return { identity, region: scope.region };
}
