import { ListClustersCommand, type ListClustersResponse } from '@aws-sdk/client-eks';
import { ApiError, type Clock, type CommandRunner, type Logger } from '@eks-kit/core';
import { addonCatalog, type AddonCatalog } from './addons.js';
import { loadCalendar, type Calendar } from './calendar.js';
import { checkCluster, TargetBehindError } from './check-cluster.js';
import { mapLimit } from './concurrency.js';
import { call, type EksApi, type EksApiFactory } from './eks-api.js';
import type { Ec2Api, Ec2ApiFactory } from './subnet-room.js';
import { isOnPath } from './manifests/helm.js';
import type { ApiLifecycle } from './manifests/removed-apis.js';
import { collectManifestTypes, judgeManifests, type ManifestFinding, type ManifestTypes } from './manifests/scan.js';
import { worst, type DriftPolicy, type Severity } from './policy.js';
import type { ClusterFailure, ClusterReport, FleetReport, FleetStatus } from './report.js';
import type { KubeAccess } from './workloads/check.js';
import { namedTargets, type ClusterTarget } from './targets.js';

/** One AWS account's view: its clients, and the step (AssumeRole) that must work before any call. */
export interface AccountScope {
  account: string;
  /** What the user named it by (the role ARN), for the failure line. */
  via: string;
  ready: () => Promise<void>;
  eksFor: EksApiFactory;
  ec2For?: Ec2ApiFactory;
  kube?: KubeAccess;
}

export interface FleetOptions {
  /** Accounts reached through roles; without them, the caller's own account through the factories below. */
  accounts?: readonly AccountScope[];
  /** Cluster references; empty: every cluster in `regions`. */
  clusters: readonly string[];
  regions: readonly string[];
  eksFor: EksApiFactory;
  /** EC2 per region, for free IP addresses and launch templates; without it they are not checked. */
  ec2For?: Ec2ApiFactory;
  /** Reads each cluster's API for the workload checks; without it they are not run. */
  kube?: KubeAccess;
  clock: Pick<Clock, 'now'>;
  policy: DriftPolicy;
  targetVersion?: string;
  /** Where manifests are looked for, relative to `root`; undefined: manifests are not scanned. */
  manifestPaths?: readonly string[];
  root?: string;
  /** Entries of a user's versions file (pluto's format), judged with and before the bundled list. */
  additionalApis?: readonly ApiLifecycle[];
  /** Renders Helm charts with `helm template`; without it charts are scanned line by line. */
  commandRunner?: CommandRunner;
  /** Why there is no runner, for the report (e.g. helm is not on PATH). */
  noRenderReason?: string;
  /** Clusters checked at once. */
  concurrency: number;
  logger?: Logger;
}

/** Checks every cluster asked for; a cluster (or an account) that fails is reported and the others still run. */
export async function checkFleet(options: FleetOptions): Promise<FleetReport> {
  const apiCalls: Record<string, number> = {};
  const own: AccountScope = { account: '', via: '', ready: async () => {}, eksFor: options.eksFor, ...(options.ec2For ? { ec2For: options.ec2For } : {}), ...(options.kube ? { kube: options.kube } : {}) };
  const multi = (options.accounts?.length ?? 0) > 0;
  const scopes = multi ? options.accounts! : [own];
  const regions = new Map<string, { api: EksApi; ec2?: Ec2Api; calendar?: Promise<Calendar>; catalog: AddonCatalog }>();
  const scopeOf = (account: string | undefined) => scopes.find((s) => s.account === (account ?? '')) ?? own;
  const region = (name: string, account?: string) => {
    const key = `${account ?? ''}|${name}`;
    let entry = regions.get(key);
    if (!entry) {
      const scope = scopeOf(account);
      const api = countingApi(scope.eksFor(name), apiCalls);
      entry = { api, catalog: addonCatalog(api), ...(scope.ec2For ? { ec2: countingApi(scope.ec2For(name), apiCalls) } : {}) };
      regions.set(key, entry);
    }
    return entry;
  };
  const calendarFor = (name: string, account?: string) => {
    const entry = region(name, account);
    entry.calendar ??= loadCalendar(entry.api).then((calendar) => {
      if (calendar.source === 'bundled') options.logger?.warning(`${account ? `${account}/` : ''}${name}: using the bundled EKS calendar: ${calendar.fallbackReason ?? ''}`);
      return calendar;
    });
    return entry.calendar;
  };

  const failures: ClusterFailure[] = [];
  // A role that cannot be assumed is one failure; the other accounts go on.
  const reachable = multi
    ? (
        await mapLimit(scopes, options.concurrency, async (scope) => {
          try {
            await scope.ready();
            return scope;
          } catch (error) {
            failures.push({ cluster: `(every cluster of account ${scope.account})`, region: '-', account: scope.account, message: `cannot assume ${scope.via}: ${error instanceof Error ? error.message : String(error)}` });
            return undefined;
          }
        })
      ).filter((s): s is AccountScope => s !== undefined)
    : scopes;
  const targets = await resolveTargets(options, reachable, multi, (r, account) => region(r, account).api, failures);

  const types: ManifestTypes | undefined = options.manifestPaths ? await collectManifestTypes({ root: options.root ?? '.', paths: options.manifestPaths, ...(options.commandRunner ? { runner: options.commandRunner } : {}), ...(options.noRenderReason ? { noRenderReason: options.noRenderReason } : {}) }) : undefined;
  const judged = new Map<string, ManifestFinding[]>();
  const manifestFindings = types
    ? (target: string, current: string) => {
        const key = `${target}|${current}`;
        if (!judged.has(key)) judged.set(key, judgeManifests(types, target, current, options.additionalApis).findings);
        return judged.get(key)!;
      }
    : undefined;

  const results = await mapLimit(targets, options.concurrency, async (target): Promise<ClusterReport | ClusterFailure> => {
    try {
      const { api, ec2, catalog } = region(target.region, target.account);
      const kube = scopeOf(target.account).kube;
      const report = await checkCluster(target.name, {
        api,
        ...(ec2 ? { ec2 } : {}),
        region: target.region,
        calendar: await calendarFor(target.region, target.account),
        addonCatalog: catalog,
        now: options.clock.now(),
        policy: options.policy,
        ...(options.targetVersion ? { targetVersion: options.targetVersion } : {}),
        ...(manifestFindings ? { manifestFindings } : {}),
        ...(kube ? { kube } : {}),
        ...(options.additionalApis ? { additionalApis: options.additionalApis } : {}),
      });
      const placed = target.account ? { ...report, account: target.account } : report;
      // Asked for and refused: said once, and the AWS-side checks above still stand.
      if (report.workloads?.status === 'not-checked') options.logger?.warning(`${target.name} (${where(target)}): workloads not checked: ${report.workloads.reason}`);
      return placed;
    } catch (error) {
      return failureOf(target, error);
    }
  });
  const clusters: ClusterReport[] = [];
  for (const result of results) {
    if ('verdict' in result) clusters.push(result);
    else failures.push(result);
  }
  return {
    generatedAt: new Date(options.clock.now()).toISOString(),
    status: fleetStatus(clusters, failures),
    clusters,
    failures,
    ...(types ? { manifestScan: { files: types.files, documents: types.documents, templated: types.templated, charts: types.charts } } : {}),
    apiCalls,
  };
}

/** `us-east-1`, or `111122223333/us-east-1` in a fleet across accounts. */
export function where(target: { region: string; account?: string }): string {
  if (target.region === '-') return target.account ?? '-';
  return target.account ? `${target.account}/${target.region}` : target.region;
}

async function resolveTargets(options: FleetOptions, scopes: readonly AccountScope[], multi: boolean, apiFor: (region: string, account?: string) => EksApi, failures: ClusterFailure[]): Promise<ClusterTarget[]> {
  const named = namedTargets({ clusters: options.clusters, regions: options.regions, ...(multi ? { accounts: options.accounts ?? [] } : {}) });
  if (named.length > 0) {
    const seen = new Set<string>();
    return named.filter((t) => scopes.some((s) => s.account === (t.account ?? ''))).filter((t) => !seen.has(`${where(t)}/${t.name}`) && seen.add(`${where(t)}/${t.name}`));
  }
  const pairs = scopes.flatMap((scope) => options.regions.map((region) => ({ region, ...(multi ? { account: scope.account } : {}) })));
  const perRegion = await mapLimit(pairs, options.concurrency, async ({ region, account }) => {
    try {
      const names: string[] = [];
      let nextToken: string | undefined;
      do {
        const page = await call<ListClustersResponse>(apiFor(region, account), 'ListClusters', new ListClustersCommand({ ...(nextToken ? { nextToken } : {}) }));
        names.push(...(page.clusters ?? []));
        nextToken = page.nextToken;
      } while (nextToken);
      return names.map((name) => ({ name, region, ...(account ? { account } : {}) }));
    } catch (error) {
      failures.push({ ...failureOf({ name: '*', region, ...(account ? { account } : {}) }, error), cluster: `(every cluster in ${where({ region, ...(account ? { account } : {}) })})` });
      return [];
    }
  });
  return perRegion.flat();
}

function failureOf(target: ClusterTarget, error: unknown): ClusterFailure {
  const operation = error instanceof ApiError ? error.operation : undefined;
  const message = error instanceof Error ? error.message : String(error);
  const parameter = error instanceof TargetBehindError ? error.parameter : undefined;
  return { cluster: target.name, region: target.region, ...(target.account ? { account: target.account } : {}), ...(operation ? { operation } : {}), ...(parameter ? { parameter } : {}), message };
}

function fleetStatus(clusters: readonly ClusterReport[], failures: readonly ClusterFailure[]): FleetStatus {
  if (failures.length > 0) return 'error';
  return clusters.reduce<Severity>((acc, c) => worst(acc, c.verdict.severity), 'ok');
}

/** Counts calls by operation (for the benchmark and the report). */
function countingApi(api: EksApi, counts: Record<string, number>): EksApi {
  return {
    send: (command) => {
      const operation = command.constructor.name.replace(/\d+$/, '').replace(/Command$/, '');
      counts[operation] = (counts[operation] ?? 0) + 1;
      return api.send(command);
    },
  };
}

/** One line for a failure: the cluster, the region, the call. */
export function describeFailure(failure: ClusterFailure): string {
  if (failure.region === '-') return `${failure.cluster}: ${failure.message}`;
  return `cluster ${failure.cluster} (${where(failure)}): ${failure.message}`;
}

/** A runner for `helm template` when asked for and helm is installed; otherwise why not. */
export async function helmRendering(wanted: boolean, runner: CommandRunner, env: NodeJS.ProcessEnv): Promise<{ commandRunner: CommandRunner } | { noRenderReason: string }> {
  if (!wanted) return { noRenderReason: 'rendering is turned off' };
  return (await isOnPath('helm', env)) ? { commandRunner: runner } : { noRenderReason: 'helm was not found on PATH' };
}
