/** A health issue EKS reports on a cluster, a managed node group or an add-on. */
export interface HealthIssue {
  code: string;
  message: string;
}

/** The issues of a DescribeCluster / DescribeNodegroup / DescribeAddon `health` member. */
export function healthIssuesOf(health: { issues?: { code?: string | undefined; message?: string | undefined }[] | undefined } | undefined): HealthIssue[] {
  return (health?.issues ?? []).map((i) => ({ code: i.code ?? 'Unknown', message: i.message ?? '' }));
}

/** One blocker line per issue: an upgrade with an open health issue fails or strands the resource. */
export function healthBlockers(what: string, issues: readonly HealthIssue[] | undefined): string[] {
  return (issues ?? []).map((i) => `${what} health: ${i.code}${i.message && i.message !== i.code ? `: ${i.message}` : ''} (fix it before upgrading)`);
}
