import { optionalInteger } from '../aws/validate.js';
import { paginate } from '../http/paginate.js';

/** What a route hands an operation: decoded path labels, the query, and the JSON body. */
export interface EksRequest {
  labels: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
}

function pageSize(value: unknown, max = 100): number | undefined {
  return optionalInteger(value, 'maxResults', 1, max);
}

/** GET list calls take maxResults/nextToken in the query; POST ones (ListInsights) in the body. */
export function page<T>(items: readonly T[], request: EksRequest, max = 100) {
  const maxResults = pageSize(request.query.get('maxResults') ?? request.body.maxResults, max);
  const nextToken = request.query.get('nextToken') ?? (request.body.nextToken as string | undefined);
  return paginate(items, maxResults, nextToken || undefined, max);
}
