import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticateSignedRequest } from '../aws/authenticate.js';
import type { AuthFailure } from '../aws/authenticate.js';
import { AwsError, toAwsError } from '../aws/errors.js';
import type { IdentityStore } from '../aws/identities.js';
import type { FaultInjector } from '../faults.js';
import { readBody, sendJson } from '../http/body.js';
import { applyFault } from '../http/faults.js';
import type { FaultRenderer } from '../http/faults.js';
import { startHttpServer } from '../http/server.js';
import type { RunningServer } from '../http/server.js';
import type { EksEmulator } from './emulator.js';
import * as clusterOps from './cluster-operations.js';
import * as insightOps from './insight-operations.js';
import type { EksRequest } from './request.js';
import * as versionOps from './version-operations.js';

interface Route {
  operation: string;
  method: string;
  pattern: RegExp;
  labels: string[];
  run: (eks: EksEmulator, request: EksRequest) => unknown;
}

function route(operation: string, method: string, template: string, run: Route['run']): Route {
  const labels: string[] = [];
  const source = template.replace(/\{(\w+)\}/g, (_, label: string) => {
    labels.push(label);
    return '([^/]+)';
  });
  return { operation, method, pattern: new RegExp(`^${source}$`), labels, run };
}

const ROUTES: Route[] = [
  route('ListClusters', 'GET', '/clusters', clusterOps.listClusters),
  route('DescribeCluster', 'GET', '/clusters/{name}', clusterOps.describeCluster),
  route('ListNodegroups', 'GET', '/clusters/{name}/node-groups', clusterOps.listNodegroups),
  route('DescribeNodegroup', 'GET', '/clusters/{name}/node-groups/{nodegroupName}', clusterOps.describeNodegroup),
  route('ListAddons', 'GET', '/clusters/{name}/addons', clusterOps.listAddons),
  route('DescribeAddon', 'GET', '/clusters/{name}/addons/{addonName}', clusterOps.describeAddon),
  route('DescribeAddonVersions', 'GET', '/addons/supported-versions', versionOps.describeAddonVersions),
  route('ListFargateProfiles', 'GET', '/clusters/{name}/fargate-profiles', clusterOps.listFargateProfiles),
  route('DescribeClusterVersions', 'GET', '/cluster-versions', versionOps.describeClusterVersions),
  route('ListInsights', 'POST', '/clusters/{name}/insights', insightOps.listInsights),
  route('DescribeInsight', 'GET', '/clusters/{name}/insights/{id}', insightOps.describeInsight),
];

const AUTH_ERRORS: Record<AuthFailure, string> = {
  missing: 'MissingAuthenticationTokenException',
  'unknown-key': 'UnrecognizedClientException',
  'bad-signature': 'InvalidSignatureException',
  skewed: 'InvalidSignatureException',
  expired: 'ExpiredTokenException',
};

const faultRenderer: FaultRenderer = {
  throttle: (res, plan) =>
    sendError(
      res,
      new AwsError('ThrottlingException', 'Rate exceeded', 429),
      plan.retryAfterSeconds === undefined ? {} : { 'retry-after': plan.retryAfterSeconds },
    ),
  serverError: (res) => sendError(res, new AwsError('ServerException', 'Internal service error (injected fault)', 500)),
};

/** The EKS API in REST-JSON: operations by method and path, errors named in `x-amzn-errortype`. */
export function startEksApi(home: EksEmulator, identities: IdentityStore, faults: FaultInjector, otherAccounts: ReadonlyMap<string, EksEmulator> = new Map()): Promise<RunningServer> {
  return startHttpServer(async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const method = req.method ?? 'GET';
    const match = findRoute(method, url.pathname);
    if (await applyFault(faults, `eks:${match?.route.operation ?? 'unknown'}`, req, res, faultRenderer)) return;
    try {
      if (!match) throw new AwsError('UnknownOperationException', `No operation for ${method} ${url.pathname}`, 404);
      const auth = authenticateSignedRequest(req, body, identities);
      if ('failure' in auth) throw new AwsError(AUTH_ERRORS[auth.failure], auth.message, 403);
      // Each account sees its own clusters; an account the scenario gives none has none.
      const eks = auth.identity.account === home.account ? home : (otherAccounts.get(auth.identity.account) ?? home.emptyAccount(auth.identity.account));
      const action = `eks:${match.route.operation}`;
      if (eks.scenario.deny?.includes(action)) {
        throw new AwsError('AccessDeniedException', `User: ${auth.identity.arn} is not authorized to perform: ${action} on resource: arn:aws:eks:${eks.region}:${eks.account}:cluster/* because no identity-based policy allows the ${action} action`, 403);
      }
      const output = await match.route.run(eks, { labels: match.labels, query: url.searchParams, body: parseBody(body) });
      sendJson(res, 200, output, 'application/json', { 'x-amzn-requestid': randomUUID() });
    } catch (error) {
      sendError(res, toAwsError(error));
    }
  });
}

function findRoute(method: string, path: string): { route: Route; labels: Record<string, string> } | undefined {
  for (const candidate of ROUTES) {
    if (candidate.method !== method) continue;
    const m = candidate.pattern.exec(path);
    if (!m) continue;
    const labels: Record<string, string> = {};
    candidate.labels.forEach((label, index) => {
      labels[label] = decodeURIComponent(m[index + 1] ?? '');
    });
    return { route: candidate, labels };
  }
  return undefined;
}

function parseBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new AwsError('InvalidParameterException', 'The request body is not valid JSON');
  }
}

function sendError(res: ServerResponse, error: AwsError, headers: Record<string, string | number> = {}): void {
  sendJson(res, error.status, { message: error.message, ...error.fields }, 'application/json', {
    'x-amzn-errortype': error.code,
    'x-amzn-requestid': randomUUID(),
    ...headers,
  });
}
