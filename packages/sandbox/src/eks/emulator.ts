import { SANDBOX_ACCOUNT } from '../aws/identities.js';
import { createHash } from 'node:crypto';
import { AwsError } from '../aws/errors.js';
import type { AccessEntry } from '../sts/eks-authenticator.js';
import { impossibleEksStates } from './scenario-rules.js';
import type { ClusterSeed, EksScenario } from './types.js';

export interface KubeEndpoint {
  url: string;
  /** Base64 PEM of the CA that signs the endpoint's certificate. */
  caData?: string;
}

export interface ClusterState {
  seed: ClusterSeed;
  /** The hex id EKS puts in endpoint and OIDC issuer host names. */
  id: string;
  createdAt: Date;
  endpoint: string;
  caData: string;
  accessEntries: AccessEntry[];
}

/** EKS control-plane data seeded from a scenario; the Kubernetes endpoint can be attached later. */
export class EksEmulator {
  readonly clusters = new Map<string, ClusterState>();
  /** Insights refresh on a schedule, not per request: they report this as their last refresh. */
  readonly insightsRefreshedAt: Date;

  constructor(
    readonly account: string,
    readonly region: string,
    readonly scenario: EksScenario,
    private readonly placeholderCaData: string,
    readonly now: () => Date,
  ) {
    this.insightsRefreshedAt = now();
    const impossible = impossibleEksStates(scenario, now());
    if (impossible.length > 0) throw new Error(`sandbox scenario describes states EKS cannot reach: ${impossible.join('; ')}`);
    for (const seed of (scenario.clusters ?? []).filter((c) => (c.account ?? SANDBOX_ACCOUNT) === account)) {
      const id = createHash('sha256').update(`${account}/${region}/${seed.name}`).digest('hex').slice(0, 32).toUpperCase();
      this.clusters.set(seed.name, {
        seed,
        id,
        createdAt: seed.createdAt ? new Date(seed.createdAt) : now(),
        // Unresolvable here on purpose until a Kubernetes stand-in is attached.
        endpoint: `https://${id}.gr7.${region}.eks.amazonaws.com`,
        caData: placeholderCaData,
        accessEntries: seed.accessEntries ?? [],
      });
    }
  }

  /** The same region seen from an account with no clusters (versions and add-ons are regional facts). */
  emptyAccount(account: string): EksEmulator {
    return new EksEmulator(account, this.region, { ...this.scenario, clusters: [] }, this.placeholderCaData, this.now);
  }

  cluster(name: string): ClusterState {
    const cluster = this.clusters.get(name);
    if (!cluster) throw new AwsError('ResourceNotFoundException', `No cluster found for name: ${name}.`, 404, { clusterName: name });
    return cluster;
  }

  /** Points a cluster's endpoint and CA at a Kubernetes API stand-in. */
  attachKubeApi(clusterName: string, endpoint: KubeEndpoint): void {
    const cluster = this.cluster(clusterName);
    cluster.endpoint = endpoint.url;
    if (endpoint.caData) cluster.caData = endpoint.caData;
  }

  clusterArn(name: string): string {
    return `arn:aws:eks:${this.region}:${this.account}:cluster/${name}`;
  }
}
