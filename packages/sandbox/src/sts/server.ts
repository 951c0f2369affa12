import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticateSignedRequest } from '../aws/authenticate.js';
import type { AuthFailure } from '../aws/authenticate.js';
import { AwsError } from '../aws/errors.js';
import type { AwsIdentity, IdentityStore } from '../aws/identities.js';
import { parseQuery } from '../aws/sigv4.js';
import type { FaultInjector } from '../faults.js';
import { readBody, send } from '../http/body.js';
import { applyFault } from '../http/faults.js';
import type { FaultRenderer } from '../http/faults.js';
import { startHttpServer } from '../http/server.js';
import type { RunningServer } from '../http/server.js';
import { assumeRole, type RoleSeed } from './assume-role.js';
import { authenticatePresignedRequest } from './presigned.js';

const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

const AUTH_ERRORS: Record<AuthFailure, string> = {
  missing: 'MissingAuthenticationToken',
  'unknown-key': 'InvalidClientTokenId',
  'bad-signature': 'SignatureDoesNotMatch',
  skewed: 'SignatureDoesNotMatch',
  expired: 'ExpiredToken',
};

const faultRenderer: FaultRenderer = {
  throttle: (res) => sendError(res, new AwsError('Throttling', 'Rate exceeded', 400)),
  serverError: (res) => sendError(res, new AwsError('ServiceUnavailable', 'Service is unavailable (injected fault)', 503)),
};

/**
 * STS in the query protocol: `Action=GetCallerIdentity&Version=2011-06-15` as a form POST (SDKs,
 * the CLI) or as a presigned GET (EKS bearer tokens). Answers XML.
 */
export function startStsApi(identities: IdentityStore, faults: FaultInjector, now: () => Date, roles: readonly RoleSeed[] = []): Promise<RunningServer> {
  return startHttpServer(async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const rawQuery = (req.url ?? '').split('?', 2)[1] ?? '';
    const contentType = String(req.headers['content-type'] ?? '');
    const form = req.method === 'POST' && contentType.startsWith('application/x-www-form-urlencoded') ? body.toString('utf8') : '';
    const params = new Map([...parseQuery(rawQuery), ...parseQuery(form)]);
    const action = params.get('Action') ?? '';
    if (await applyFault(faults, `sts:${action || 'unknown'}`, req, res, faultRenderer)) return;
    try {
      const presigned = params.has('X-Amz-Signature');
      const auth = presigned
        ? authenticatePresignedRequest(req, identities, now())
        : authenticateSignedRequest(req, body, identities, now());
      if ('failure' in auth) throw new AwsError(AUTH_ERRORS[auth.failure], auth.message, auth.failure === 'missing' ? 400 : 403);
      if (params.get('Version') !== '2011-06-15') throw new AwsError('InvalidAction', `Could not find operation ${action} for version ${params.get('Version') ?? 'NO_VERSION_SPECIFIED'}`);
      if (action === 'AssumeRole' && !presigned) {
        const assumed = assumeRole(roles, identities, auth.identity, params, now());
        return sendXml(res, 200, assumeRoleXml(assumed.identity, assumed.expiration));
      }
      if (action !== 'GetCallerIdentity') throw new AwsError('InvalidAction', `Could not find operation ${action} for version 2011-06-15`);
      sendXml(res, 200, getCallerIdentityXml(auth.identity));
    } catch (error) {
      sendError(res, error instanceof AwsError ? error : new AwsError('InternalFailure', String(error), 500));
    }
  });
}

function getCallerIdentityXml(identity: AwsIdentity): string {
  return (
    `<GetCallerIdentityResponse xmlns="${NAMESPACE}">\n` +
    `  <GetCallerIdentityResult>\n` +
    `    <Arn>${escapeXml(identity.arn)}</Arn>\n` +
    `    <UserId>${escapeXml(identity.userId)}</UserId>\n` +
    `    <Account>${escapeXml(identity.account)}</Account>\n` +
    `  </GetCallerIdentityResult>\n` +
    `  <ResponseMetadata>\n    <RequestId>${randomUUID()}</RequestId>\n  </ResponseMetadata>\n` +
    `</GetCallerIdentityResponse>\n`
  );
}

function assumeRoleXml(identity: AwsIdentity, expiration: Date): string {
  return (
    `<AssumeRoleResponse xmlns="${NAMESPACE}">\n` +
    `  <AssumeRoleResult>\n` +
    `    <Credentials>\n` +
    `      <AccessKeyId>${escapeXml(identity.accessKeyId)}</AccessKeyId>\n` +
    `      <SecretAccessKey>${escapeXml(identity.secretAccessKey)}</SecretAccessKey>\n` +
    `      <SessionToken>${escapeXml(identity.sessionToken ?? '')}</SessionToken>\n` +
    `      <Expiration>${expiration.toISOString()}</Expiration>\n` +
    `    </Credentials>\n` +
    `    <AssumedRoleUser>\n` +
    `      <AssumedRoleId>${escapeXml(identity.userId)}</AssumedRoleId>\n` +
    `      <Arn>${escapeXml(identity.arn)}</Arn>\n` +
    `    </AssumedRoleUser>\n` +
    `  </AssumeRoleResult>\n` +
    `  <ResponseMetadata>\n    <RequestId>${randomUUID()}</RequestId>\n  </ResponseMetadata>\n` +
    `</AssumeRoleResponse>\n`
  );
}

function sendError(res: ServerResponse, error: AwsError): void {
  const type = error.status >= 500 ? 'Receiver' : 'Sender';
  sendXml(
    res,
    error.status,
    `<ErrorResponse xmlns="${NAMESPACE}">\n  <Error>\n    <Type>${type}</Type>\n    <Code>${error.code}</Code>\n` +
      `    <Message>${escapeXml(error.message)}</Message>\n  </Error>\n  <RequestId>${randomUUID()}</RequestId>\n</ErrorResponse>\n`,
  );
}

function sendXml(res: ServerResponse, status: number, xml: string): void {
  send(res, status, xml, { 'content-type': 'text/xml', 'x-amzn-requestid': randomUUID() });
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}
