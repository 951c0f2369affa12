import { DescribeInsightCommand, ListInsightsCommand, type DescribeInsightResponse, type ListInsightsResponse } from '@aws-sdk/client-eks';
import { mapLimit } from './concurrency.js';
import { call, type EksApi } from './eks-api.js';

export type InsightStatus = 'PASSING' | 'WARNING' | 'ERROR' | 'UNKNOWN';

export interface InsightSummary {
  id: string;
  name: string;
  category: string;
  kubernetesVersion?: string;
  status: InsightStatus;
  reason: string;
  recommendation?: string;
  /** Deprecated API usage the insight saw, with what replaces it. */
  deprecations: { usage: string; replacedWith?: string; stopServingVersion?: string; requestsLast30Days: number }[];
}

/** Every insight of a cluster; the ones that are not passing are described for their details. */
export async function clusterInsights(api: EksApi, clusterName: string): Promise<InsightSummary[]> {
  const listed: NonNullable<ListInsightsResponse['insights']> = [];
  let nextToken: string | undefined;
  do {
    const page = await call<ListInsightsResponse>(api, 'ListInsights', new ListInsightsCommand({ clusterName, ...(nextToken ? { nextToken } : {}) }));
    listed.push(...(page.insights ?? []));
    nextToken = page.nextToken;
  } while (nextToken);

  return mapLimit(listed, 4, async (item) => {
    const status = (item.insightStatus?.status ?? 'UNKNOWN') as InsightStatus;
    const summary: InsightSummary = {
      id: item.id ?? '',
      name: item.name ?? item.id ?? 'insight',
      category: item.category ?? 'UPGRADE_READINESS',
      ...(item.kubernetesVersion ? { kubernetesVersion: item.kubernetesVersion } : {}),
      status,
      reason: item.insightStatus?.reason ?? '',
      deprecations: [],
    };
    if (status === 'PASSING' || !item.id) return summary;
    const { insight } = await call<DescribeInsightResponse>(api, 'DescribeInsight', new DescribeInsightCommand({ clusterName, id: item.id }));
    return {
      ...summary,
      ...(insight?.recommendation ? { recommendation: insight.recommendation } : {}),
      deprecations: (insight?.categorySpecificSummary?.deprecationDetails ?? []).map((d) => ({
        usage: d.usage ?? '',
        ...(d.replacedWith ? { replacedWith: d.replacedWith } : {}),
        ...(d.stopServingVersion ? { stopServingVersion: d.stopServingVersion } : {}),
        requestsLast30Days: (d.clientStats ?? []).reduce((sum, s) => sum + (s.numberOfRequestsLast30Days ?? 0), 0),
      })),
    };
  });
}

/** An insight blocks the upgrade when it is in ERROR for the target version (or names none). */
export function blocksUpgrade(insight: InsightSummary, target: string): boolean {
  return insight.status === 'ERROR' && insight.category === 'UPGRADE_READINESS' && (!insight.kubernetesVersion || insight.kubernetesVersion === target);
}
