import type { IncomingMessage } from 'node:http';
import type { AwsIdentity, IdentityStore } from './identities.js';
import { parseAmzDate, parseAuthorizationHeader, sha256Hex, signature, signaturesEqual, parseQuery } from './sigv4.js';

/** Why a request's SigV4 credentials were refused; each protocol names these its own way. */
export type AuthFailure = 'missing' | 'unknown-key' | 'bad-signature' | 'skewed' | 'expired';

export type AuthResult = { identity: AwsIdentity; region: string } | { failure: AuthFailure; message: string };

const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

/** Checks a header-signed request (`Authorization: AWS4-HMAC-SHA256 …`) against the known keys. */
export function authenticateSignedRequest(
  req: IncomingMessage,
  body: Buffer,
  identities: IdentityStore,
  now: Date = new Date(),
): AuthResult {
  const auth = parseAuthorizationHeader(header(req, 'authorization'));
  if (!auth) return { failure: 'missing', message: 'Missing Authentication Token' };
  const identity = identities.find(auth.scope.accessKeyId);
  if (!identity) return { failure: 'unknown-key', message: 'The security token included in the request is invalid.' };
  if (identity.sessionToken !== undefined && header(req, 'x-amz-security-token') !== identity.sessionToken) {
    return { failure: 'unknown-key', message: 'The security token included in the request is invalid.' };
  }
  if (identity.expiredAt && identity.expiredAt.getTime() <= now.getTime()) {
    return { failure: 'expired', message: 'The security token included in the request is expired' };
  }
  const amzDate = header(req, 'x-amz-date') ?? '';
  const signedAt = parseAmzDate(amzDate);
  if (!signedAt) return { failure: 'bad-signature', message: 'X-Amz-Date is missing or malformed.' };
  if (Math.abs(now.getTime() - signedAt.getTime()) > MAX_CLOCK_SKEW_MS) {
    return { failure: 'skewed', message: `Signature expired: ${amzDate} is now earlier or later than the allowed 15 minutes.` };
  }
  const [rawPath = '/', rawQuery = ''] = (req.url ?? '/').split('?', 2);
  const expected = signature(
    {
      method: req.method ?? 'GET',
      rawPath,
      query: parseQuery(rawQuery),
      headers: req.headers,
      signedHeaders: auth.signedHeaders,
      payloadHash: header(req, 'x-amz-content-sha256') ?? sha256Hex(body),
      amzDate,
      scope: auth.scope,
      doubleEncodePath: auth.scope.service !== 's3',
    },
    identity.secretAccessKey,
  );
  if (!signaturesEqual(expected, auth.signature)) {
    return {
      failure: 'bad-signature',
      message:
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    };
  }
  return { identity, region: auth.scope.region };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
