import { AwsError, epochSeconds } from '../aws/errors.js';
import type { ClusterState, EksEmulator } from './emulator.js';
import { page } from './request.js';
import type { EksRequest } from './request.js';
import type { InsightSeed } from './types.js';

function insightSummary(eks: EksEmulator, cluster: ClusterState, insight: InsightSeed) {
  return {
    id: insight.id,
    name: insight.name,
    category: insight.category ?? 'UPGRADE_READINESS',
    kubernetesVersion: insight.kubernetesVersion ?? nextMinor(cluster.seed.version),
    lastRefreshTime: epochSeconds(eks.insightsRefreshedAt),
    lastTransitionTime: epochSeconds(cluster.createdAt),
    description: insight.description ?? insight.name,
    insightStatus: { status: insight.status, reason: insight.reason ?? '' },
  };
}

function nextMinor(version: string): string {
  const [major = '1', minor = '0'] = version.split('.');
  return `${major}.${Number(minor) + 1}`;
}

export function listInsights(eks: EksEmulator, request: EksRequest) {
  const cluster = eks.cluster(request.labels.name!);
  const filter = (request.body.filter ?? {}) as { categories?: string[]; kubernetesVersions?: string[]; statuses?: string[] };
  const insights = (cluster.seed.insights ?? [])
    .map((i) => insightSummary(eks, cluster, i))
    .filter((i) => !filter.categories?.length || filter.categories.includes(i.category))
    .filter((i) => !filter.kubernetesVersions?.length || filter.kubernetesVersions.includes(i.kubernetesVersion))
    .filter((i) => !filter.statuses?.length || filter.statuses.includes(i.insightStatus.status));
  const { page: pageItems, nextToken } = page(insights, request);
  return { insights: pageItems, ...(nextToken ? { nextToken } : {}) };
}

export function describeInsight(eks: EksEmulator, request: EksRequest) {
  const cluster = eks.cluster(request.labels.name!);
  const id = request.labels.id!;
  const insight = cluster.seed.insights?.find((i) => i.id === id);
  if (!insight) throw new AwsError('ResourceNotFoundException', `No insight found for id: ${id}.`, 404, { clusterName: cluster.seed.name });
  return {
    insight: {
      ...insightSummary(eks, cluster, insight),
      recommendation: insight.recommendation ?? '',
      additionalInfo: {},
      resources: [],
      categorySpecificSummary: {
        deprecationDetails: (insight.deprecationDetails ?? []).map((d) => ({
          usage: d.usage,
          replacedWith: d.replacedWith ?? '',
          stopServingVersion: d.stopServingVersion ?? '',
          startServingReplacementVersion: d.startServingReplacementVersion ?? '',
          clientStats: (d.clientStats ?? []).map((s) => ({
            userAgent: s.userAgent,
            numberOfRequestsLast30Days: s.numberOfRequestsLast30Days,
            lastRequestTime: epochSeconds(s.lastRequestTime ? new Date(s.lastRequestTime) : eks.insightsRefreshedAt),
          })),
        })),
        addonCompatibilityDetails: [],
      },
    },
  };
}
