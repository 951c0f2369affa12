import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultInjector } from '../faults.js';
import { readBody, sendJson } from '../http/body.js';
import { applyFault } from '../http/faults.js';
import type { FaultRenderer } from '../http/faults.js';
import type { RequestHandler } from '../http/server.js';
import { authenticateSignedRequest } from './authenticate.js';
import type { AuthFailure } from './authenticate.js';
import { AwsError, toAwsError } from './errors.js';
import type { IdentityStore } from './identities.js';

const CONTENT_TYPE = 'application/x-amz-json-1.1';

export type JsonOperation = (input: Record<string, unknown>) => unknown;

export interface JsonServiceOptions {
  /** Fault and log prefix, e.g. `ecr`. */
  service: string;
  /** `X-Amz-Target` prefix, e.g. `AmazonEC2ContainerRegistry_V20150921`. */
  targetPrefix: string;
  operations: Record<string, JsonOperation>;
  identities: IdentityStore;
  faults: FaultInjector;
  /** The one region this endpoint serves: a request signed for another is refused as AWS refuses it. */
  region?: string;
  /** Checks an operation's input against who is calling (e.g. another account's registryId). */
  authorize?: (operation: string, input: Record<string, unknown>, identityArn: string) => void;
}

const AUTH_ERRORS: Record<AuthFailure, string> = {
  missing: 'MissingAuthenticationTokenException',
  'unknown-key': 'UnrecognizedClientException',
  'bad-signature': 'InvalidSignatureException',
  skewed: 'InvalidSignatureException',
  expired: 'ExpiredTokenException',
};

const faultRenderer: FaultRenderer = {
  throttle: (res) => sendError(res, new AwsError('ThrottlingException', 'Rate exceeded', 400)),
  serverError: (res) => sendError(res, new AwsError('ServerException', 'Internal service error (injected fault)', 500)),
};

/** The AWS JSON 1.1 protocol: `POST /`, operation in `X-Amz-Target`, errors as `{"__type", "message"}`. */
export function jsonServiceHandler(options: JsonServiceOptions): RequestHandler {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const target = String(req.headers['x-amz-target'] ?? '');
    const operationName = target.startsWith(`${options.targetPrefix}.`) ? target.slice(options.targetPrefix.length + 1) : '';
    if (await applyFault(options.faults, `${options.service}:${operationName || 'unknown'}`, req, res, faultRenderer)) return;
    try {
      if (req.method !== 'POST') throw new AwsError('UnknownOperationException', `${req.method} is not supported`, 404);
      const operation = options.operations[operationName];
      if (!operation) throw new AwsError('UnknownOperationException', `Unknown operation ${target}`);
      const auth = authenticateSignedRequest(req, body, options.identities);
      if ('failure' in auth) throw new AwsError(AUTH_ERRORS[auth.failure], auth.message, auth.failure === 'unknown-key' ? 400 : 403);
      if (options.region && auth.region !== options.region) {
        // A real endpoint is regional: a signature scoped to another region, or to a malformed one, is refused.
        throw new AwsError('InvalidSignatureException', 'Credential should be scoped to a valid region. ', 403);
      }
      const action = `${options.service}:${operationName}`;
      if (auth.identity.denies?.includes(action)) {
        throw new AwsError('AccessDeniedException', `User: ${auth.identity.arn} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`, 400);
      }
      const input = parseInput(body);
      options.authorize?.(operationName, input, auth.identity.arn);
      const output = await operation(input);
      sendJson(res, 200, output ?? {}, CONTENT_TYPE, { 'x-amzn-requestid': randomUUID() });
    } catch (error) {
      sendError(res, toAwsError(error));
    }
  };
}

function parseInput(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new AwsError('SerializationException', 'The request body is not a JSON object');
}

function sendError(res: ServerResponse, error: AwsError): void {
  sendJson(res, error.status, { __type: error.code, message: error.message, ...error.fields }, CONTENT_TYPE, {
    'x-amzn-requestid': randomUUID(),
  });
}
