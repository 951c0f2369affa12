import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticateSignedRequest } from '../aws/authenticate.js';
import type { AuthFailure } from '../aws/authenticate.js';
import { AwsError, toAwsError } from '../aws/errors.js';
import type { IdentityStore } from '../aws/identities.js';
import { parseQuery } from '../aws/sigv4.js';
import type { FaultInjector } from '../faults.js';
import { readBody, send } from '../http/body.js';
import { applyFault } from '../http/faults.js';
import type { FaultRenderer } from '../http/faults.js';
import { startHttpServer } from '../http/server.js';
import type { RunningServer } from '../http/server.js';
import { escapeXml } from '../sts/server.js';
import type { Ec2Emulator } from './operations.js';

const AUTH_ERRORS: Record<AuthFailure, string> = {
  missing: 'MissingAuthenticationToken',
  'unknown-key': 'AuthFailure',
  'bad-signature': 'AuthFailure',
  skewed: 'RequestExpired',
  expired: 'RequestExpired',
};

const faultRenderer: FaultRenderer = {
  throttle: (res) => sendError(res, new AwsError('RequestLimitExceeded', 'Request limit exceeded.', 503)),
  serverError: (res, plan) => sendError(res, new AwsError('InternalError', 'An internal error has occurred (injected fault)', plan.statusCode ?? 500)),
};

const OPERATIONS: Record<string, (ec2: Ec2Emulator, params: Map<string, string>) => string> = {
  DescribeSubnets: (ec2, params) => ec2.describeSubnets(params),
  DescribeLaunchTemplates: (ec2, params) => ec2.describeLaunchTemplates(params),
};

/** EC2 in its own query protocol (form POST `Action=…&Version=2016-11-15`), answering XML. */
export function startEc2Api(ec2: Ec2Emulator, identities: IdentityStore, faults: FaultInjector): Promise<RunningServer> {
  return startHttpServer(async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const params = new Map([...parseQuery((req.url ?? '').split('?', 2)[1] ?? ''), ...parseQuery(req.method === 'POST' ? body.toString('utf8') : '')]);
    const action = params.get('Action') ?? '';
    if (await applyFault(faults, `ec2:${action || 'unknown'}`, req, res, faultRenderer)) return;
    try {
      const auth = authenticateSignedRequest(req, body, identities);
      if ('failure' in auth) throw new AwsError(AUTH_ERRORS[auth.failure], auth.message, auth.failure === 'missing' ? 400 : 401);
      const operation = OPERATIONS[action];
      if (params.get('Version') !== '2016-11-15' || !operation) throw new AwsError('InvalidAction', `The action ${action} is not valid for this web service.`);
      if (ec2.scenario.deny?.includes(`ec2:${action}`)) {
        throw new AwsError('UnauthorizedOperation', `You are not authorized to perform this operation. User: ${auth.identity.arn} is not authorized to perform: ec2:${action} because no identity-based policy allows the ec2:${action} action`, 403);
      }
      send(res, 200, operation(ec2, params), { 'content-type': 'text/xml;charset=UTF-8' });
    } catch (error) {
      sendError(res, toAwsError(error));
    }
  });
}

/** EC2's error document differs from the other query services': `Response/Errors/Error` and `RequestID`. */
function sendError(res: ServerResponse, error: AwsError): void {
  const code = error.code === 'ServerException' ? 'InternalError' : error.code;
  send(
    res,
    error.status,
    `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(error.message)}</Message></Error></Errors><RequestID>${randomUUID()}</RequestID></Response>\n`,
    { 'content-type': 'text/xml;charset=UTF-8' },
  );
}
