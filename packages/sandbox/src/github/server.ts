import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultInjector } from '../faults.js';
import { readBody, sendJson } from '../http/body.js';
import { applyFault } from '../http/faults.js';
import type { FaultRenderer } from '../http/faults.js';
import { startHttpServer } from '../http/server.js';
import type { RunningServer } from '../http/server.js';
import { DeploymentHandlers } from './deployments.js';
import { IssueHandlers } from './issues.js';
import { GitHubError } from './request.js';
import type { GitHubAnswer, GitHubRequest } from './request.js';
import type { GitHubState } from './state.js';

interface Handlers {
  issues: IssueHandlers;
  deployments: DeploymentHandlers;
}

type Handler = (h: Handlers, r: GitHubRequest) => GitHubAnswer;

interface Route {
  name: string;
  method: string;
  pattern: RegExp;
  params: string[];
  run: Handler;
}

const REPO = '/repos/{owner}/{repo}';

function route(name: string, method: string, template: string, run: Handler): Route {
  const params: string[] = [];
  const source = template.replace(/\{(\w+)\}/g, (_, p: string) => {
    params.push(p);
    return '([^/]+)';
  });
  return { name, method, pattern: new RegExp(`^${source}/?$`), params, run };
}

const ROUTES: Route[] = [
  route('search/issues', 'GET', '/search/issues', (h, r) => h.issues.searchIssues(r.query)),
  route('issues/list', 'GET', `${REPO}/issues`, (h, r) => h.issues.listIssues(r)),
  route('issues/create', 'POST', `${REPO}/issues`, (h, r) => h.issues.createIssue(r)),
  route('issues/get-comment', 'GET', `${REPO}/issues/comments/{commentId}`, (h, r) => h.issues.getComment(r)),
  route('issues/update-comment', 'PATCH', `${REPO}/issues/comments/{commentId}`, (h, r) => h.issues.updateComment(r)),
  route('issues/get', 'GET', `${REPO}/issues/{number}`, (h, r) => h.issues.getIssue(r)),
  route('issues/update', 'PATCH', `${REPO}/issues/{number}`, (h, r) => h.issues.updateIssue(r)),
  route('issues/add-labels', 'POST', `${REPO}/issues/{number}/labels`, (h, r) => h.issues.addLabels(r)),
  route('issues/list-comments', 'GET', `${REPO}/issues/{number}/comments`, (h, r) => h.issues.listComments(r)),
  route('issues/create-comment', 'POST', `${REPO}/issues/{number}/comments`, (h, r) => h.issues.createComment(r)),
  route('repos/list-deployments', 'GET', `${REPO}/deployments`, (h, r) => h.deployments.listDeployments(r)),
  route('repos/create-deployment', 'POST', `${REPO}/deployments`, (h, r) => h.deployments.createDeployment(r)),
  route('repos/get-deployment', 'GET', `${REPO}/deployments/{deploymentId}`, (h, r) => h.deployments.getDeployment(r)),
  route('repos/list-deployment-statuses', 'GET', `${REPO}/deployments/{deploymentId}/statuses`, (h, r) => h.deployments.listDeploymentStatuses(r)),
  route('repos/create-deployment-status', 'POST', `${REPO}/deployments/{deploymentId}/statuses`, (h, r) => h.deployments.createDeploymentStatus(r)),
];

const DOCS = 'https://docs.github.com/rest';
const RATE_LIMIT = 5000;

const faultRenderer: FaultRenderer = {
  throttle(res, plan) {
    const reset = Math.floor(Date.now() / 1000) + (plan.retryAfterSeconds ?? 60);
    if (plan.retryAfterSeconds !== undefined) {
      // Secondary rate limit: 429 with Retry-After.
      sendJson(res, 429, { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', documentation_url: DOCS }, 'application/json; charset=utf-8', { 'retry-after': plan.retryAfterSeconds });
      return;
    }
    sendJson(res, 403, { message: 'API rate limit exceeded for installation.', documentation_url: DOCS }, 'application/json; charset=utf-8', {
      'x-ratelimit-limit': RATE_LIMIT,
      'x-ratelimit-remaining': 0,
      'x-ratelimit-reset': reset,
      'x-ratelimit-resource': 'core',
    });
  },
  serverError(res) {
    sendJson(res, 502, { message: 'Server Error' }, 'application/json; charset=utf-8');
  },
};

export interface GitHubApiOptions {
  /** Tokens accepted; when absent any non-empty token is. */
  tokens?: string[];
}

/** The GitHub REST calls eks-kit makes: issues, issue/PR comments, deployments and their statuses. */
export async function startGitHubApi(
  state: GitHubState,
  faults: FaultInjector,
  options: GitHubApiOptions = {},
): Promise<{ server: RunningServer; handlers: Handlers }> {
  let baseUrl = '';
  const apiUrl = () => baseUrl;
  const handlers: Handlers = { issues: new IssueHandlers(state, apiUrl), deployments: new DeploymentHandlers(state, apiUrl) };
  const server = await startHttpServer(async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', baseUrl);
    const match = findRoute(req.method ?? 'GET', url.pathname);
    if (await applyFault(faults, `github:${match?.route.name ?? 'unknown'}`, req, res, faultRenderer)) return;
    try {
      if (!authorized(req.headers.authorization, options.tokens)) throw new GitHubError(401, 'Requires authentication');
      if (!match) throw new GitHubError(404, 'Not Found');
      const parsed = body.length === 0 ? {} : parseJson(body);
      const answer = match.route.run(handlers, {
        owner: match.params.owner ?? '',
        repo: match.params.repo ?? '',
        params: match.params,
        query: url.searchParams,
        body: parsed,
      });
      respond(res, answer, url);
    } catch (error) {
      if (!(error instanceof GitHubError)) throw error;
      sendJson(res, error.status, { message: error.message, ...(error.errors ? { errors: error.errors } : {}), documentation_url: DOCS }, 'application/json; charset=utf-8', rateHeaders());
    }
  });
  baseUrl = server.url;
  return { server, handlers };
}

function findRoute(method: string, path: string) {
  for (const candidate of ROUTES) {
    if (candidate.method !== method) continue;
    const m = candidate.pattern.exec(path);
    if (!m) continue;
    const params: Record<string, string> = {};
    candidate.params.forEach((p, i) => (params[p] = decodeURIComponent(m[i + 1] ?? '')));
    return { route: candidate, params };
  }
  return undefined;
}

function authorized(header: string | undefined, tokens: string[] | undefined): boolean {
  const m = /^(?:token|bearer)\s+(\S+)$/i.exec(header ?? '');
  if (!m?.[1]) return false;
  return !tokens || tokens.includes(m[1]);
}

function parseJson(body: Buffer): Record<string, unknown> {
  try {
    return JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new GitHubError(400, 'Problems parsing JSON');
  }
}

/** Pages list answers with `per_page`/`page` and a Link header, as Octokit's paginate expects. */
function respond(res: ServerResponse, answer: GitHubAnswer, url: URL): void {
  if (!answer.pageOf) {
    sendJson(res, answer.status, answer.body, 'application/json; charset=utf-8', rateHeaders());
    return;
  }
  const perPage = Math.min(Math.max(Number(url.searchParams.get('per_page') ?? 30) || 30, 1), 100);
  const page = Math.max(Number(url.searchParams.get('page') ?? 1) || 1, 1);
  const lastPage = Math.max(Math.ceil(answer.pageOf.length / perPage), 1);
  const items = answer.pageOf.slice((page - 1) * perPage, page * perPage);
  const links: string[] = [];
  const link = (p: number, rel: string) => {
    const next = new URL(url);
    next.searchParams.set('per_page', String(perPage));
    next.searchParams.set('page', String(p));
    links.push(`<${next.toString()}>; rel="${rel}"`);
  };
  if (page < lastPage) {
    link(page + 1, 'next');
    link(lastPage, 'last');
  }
  if (page > 1) {
    link(1, 'first');
    link(page - 1, 'prev');
  }
  const body = Array.isArray(answer.body) ? items : { ...(answer.body as object), items };
  sendJson(res, answer.status, body, 'application/json; charset=utf-8', { ...rateHeaders(), ...(links.length > 0 ? { link: links.join(', ') } : {}) });
}

function rateHeaders(): Record<string, string | number> {
  return { 'x-ratelimit-limit': RATE_LIMIT, 'x-ratelimit-remaining': RATE_LIMIT - 1, 'x-ratelimit-resource': 'core', 'x-github-media-type': 'github.v3; format=json' };
}
