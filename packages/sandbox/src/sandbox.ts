import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IdentityStore, SANDBOX_DEPLOYER_ROLE, SANDBOX_EXPIRED_ROLE, SANDBOX_NO_ECR_READ_USER, SANDBOX_USER } from './aws/identities.js';
import type { AwsIdentity } from './aws/identities.js';
import { startDockerd } from './docker/dockerd.js';
import type { Dockerd } from './docker/dockerd.js';
import { EcrEmulator } from './ecr/emulator.js';
import { startEcrApi } from './ecr/server.js';
import { Ec2Emulator } from './ec2/operations.js';
import { startEc2Api } from './ec2/server.js';
import { EksEmulator } from './eks/emulator.js';
import { startEksApi } from './eks/server.js';
import { rebaseEksScenario } from './eks/scenario-clock.js';
import { FaultInjector } from './faults.js';
import { startGitHubApi } from './github/server.js';
import { GitHubState } from './github/state.js';
import type { RunningServer } from './http/server.js';
import { RegistryClient } from './registry/client.js';
import { startRegistryProcess } from './registry/process.js';
import type { RegistryProcess } from './registry/process.js';
import { deferredHooks, startRegistryProxy } from './registry/proxy.js';
import type { RegistryHooks } from './registry/proxy.js';
import { loadScenario, placeholderCaData } from './scenario.js';
import type { Scenario } from './scenario.js';
import { eksTokenAuthenticator } from './sts/eks-authenticator.js';
import type { KubernetesUser } from './sts/eks-authenticator.js';
import { startStsApi } from './sts/server.js';
import { startKubeApi } from './kube/index.js';
import type { KubeApiHandle, KubeApiOptions } from './kube/index.js';

/** How the Kubernetes API stand-in is started and which EKS cluster it answers for. */
export interface KubeApiWiring {
  /** Cluster whose endpoint and CA point at it (default: the scenario's first cluster). */
  cluster?: string;
  /** HTTPS with a generated CA (default true): kubectl sends no credentials over plain http. */
  tls?: boolean;
  /** Passed to startKubeApi; authentication, faults and (unless given) knownImages come from the sandbox. */
  options?: Omit<KubeApiOptions, 'authenticate' | 'faults' | 'tls'>;
}

export interface SandboxOptions {
  /** Scenario name in `scenarios/` (default `default`), a YAML path, or the scenario itself. */
  scenario?: string | Scenario;
  region?: string;
  /** Override how long scans stay in progress (ms); tests usually want 0 or a few hundred. */
  scanDelayMs?: number;
  /** Start a private dockerd and export DOCKER_HOST (needs root; takes seconds). */
  docker?: boolean;
  /**
   * Start the Kubernetes API stand-in, point an EKS cluster's endpoint and CA at it, and have it
   * authenticate EKS bearer tokens through the sandbox STS and the cluster's access entries.
   */
  kubeApi?: boolean | KubeApiWiring;
  /** GitHub tokens accepted (default: any non-empty token). */
  githubTokens?: string[];
  /** Clock for scans, push times and support dates; tests move it to cross the 24 h scan limit. Signatures are always checked against the real clock, as clients sign with it. */
  now?: () => Date;
  /** Program name or path of distribution's registry (Debian: docker-registry). */
  registryCommand?: string;
}

export interface SandboxFaults {
  ecr: FaultInjector;
  eks: FaultInjector;
  ec2: FaultInjector;
  sts: FaultInjector;
  github: FaultInjector;
  /** The registry front end (`registry:PUT manifests`, `registry:PATCH blobs`, …). */
  registry: FaultInjector;
  kube: FaultInjector;
}

export interface Sandbox {
  region: string;
  account: string;
  endpoints: {
    ecr: string;
    eks: string;
    ec2: string;
    sts: string;
    github: string;
    /** `http://127.0.0.1:PORT`, ECR's proxyEndpoint. */
    registry: string;
    /** `127.0.0.1:PORT`, the host part of every repositoryUri. */
    registryHost: string;
    kube?: string;
  };
  /** Variables that point SDKs, the AWS CLI, Octokit and docker at the sandbox. */
  env: Record<string, string>;
  /** `expiredRole`: a session past its expiry; `noEcrReadUser`: AccessDenied on reading repositories. */
  credentials: { user: AwsIdentity; deployerRole: AwsIdentity; expiredRole: AwsIdentity; noEcrReadUser: AwsIdentity };
  /** What GetAuthorizationToken hands out: user `AWS` and this password. */
  registryCredentials: { username: string; password: string };
  ecr: EcrEmulator;
  eks: EksEmulator;
  /** The EKS state of the other accounts the scenario's clusters name (`account:`), by account ID. */
  eksAccounts: ReadonlyMap<string, EksEmulator>;
  github: { state: GitHubState; seedPullRequest(repository: string, title: string): number };
  faults: SandboxFaults;
  /** Verifies an EKS bearer token against this sandbox's STS and a cluster's access entries. */
  authenticateKubeToken(bearerToken: string, clusterName: string): Promise<KubernetesUser | undefined>;
  kube?: KubeApiHandle;
  docker?: { host: string };
  /** Process ids of the programs the sandbox runs, e.g. to report their memory. */
  pids: { registry?: number; dockerd?: number };
  workDir: string;
  stop(): Promise<void>;
}

/** Starts the ECR, EKS, STS and GitHub stand-ins and the real registry, all on loopback. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const region = options.region ?? 'us-east-1';
  const now = options.now ?? (() => new Date());
  const scenario = typeof options.scenario === 'object' ? options.scenario : await loadScenario(options.scenario ?? 'default');
  const workDir = await mkdtemp(join(tmpdir(), 'eks-kit-sandbox-'));
  const stops: (() => Promise<void>)[] = [async () => rm(workDir, { recursive: true, force: true })];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
  };
  let dockerd: Promise<Dockerd> | undefined;
  try {
    const faults: SandboxFaults = {
      ecr: new FaultInjector(),
      eks: new FaultInjector(),
      ec2: new FaultInjector(),
      sts: new FaultInjector(),
      github: new FaultInjector(),
      registry: new FaultInjector(),
      kube: new FaultInjector(),
    };
    const identities = new IdentityStore([SANDBOX_USER, SANDBOX_DEPLOYER_ROLE, SANDBOX_EXPIRED_ROLE, SANDBOX_NO_ECR_READ_USER]);
    const account = SANDBOX_USER.account;
    const registryPassword = randomBytes(24).toString('base64url');

    dockerd = options.docker ? startDockerd(join(workDir, 'docker')) : undefined;
    const [registry, sts, github, caData] = await Promise.all([
      startRegistryProcess({
        dir: join(workDir, 'registry'),
        username: 'AWS',
        password: registryPassword,
        ...(options.registryCommand ? { command: options.registryCommand } : {}),
      }).then(track(stops)),
      startStsApi(identities, faults.sts, () => new Date(), scenario.sts?.roles ?? []).then(track(stops)),
      startGitHubApi(new GitHubState(), faults.github, options.githubTokens ? { tokens: options.githubTokens } : {}).then((g) => {
        stops.push(() => g.server.stop());
        return g;
      }),
      placeholderCaData(),
    ]);

    const ecrScenario = withScanDelay(scenario, options.scanDelayMs);
    // The front end must listen before the emulator knows the host to put in repository URIs.
    let hooks: RegistryHooks | undefined = undefined;
    const proxy = await startRegistryProxy(
      registry.url,
      deferredHooks(() => hooks),
      faults.registry,
    ).then(track(stops));
    const registryHost = new URL(proxy.url).host;
    const ecr = new EcrEmulator({
      account,
      region,
      registry: new RegistryClient(registry.url, 'AWS', registryPassword),
      registryHost,
      registryPassword,
      scenario: ecrScenario,
      now,
    });
    hooks = ecr.registryHooks();
    const eksScenario = rebaseEksScenario(scenario.eks ?? {}, now());
    const eks = new EksEmulator(account, region, eksScenario, caData, now);
    const otherAccounts = new Map(
      [...new Set((eksScenario.clusters ?? []).map((c) => c.account ?? account))].filter((a) => a !== account).map((a) => [a, new EksEmulator(a, region, eksScenario, caData, now)] as const),
    );
    const ec2 = new Ec2Emulator(account, region, scenario.ec2 ?? {});
    const [ecrApi, eksApi, ec2Api] = await Promise.all([
      startEcrApi(ecr, identities, faults.ecr).then(track(stops)),
      startEksApi(eks, identities, faults.eks, otherAccounts).then(track(stops)),
      startEc2Api(ec2, identities, faults.ec2).then(track(stops)),
    ]);

    const authenticateKubeToken = (token: string, clusterName: string) =>
      eksTokenAuthenticator({
        stsUrl: sts.url,
        clusterName,
        accessEntries: () => eks.cluster(clusterName).accessEntries,
      })(token);

    let kube: KubeApiHandle | undefined;
    if (options.kubeApi) {
      const wiring = options.kubeApi === true ? {} : options.kubeApi;
      const clusterName = wiring.cluster ?? [...eks.clusters.keys()][0];
      if (!clusterName) throw new Error('kubeApi needs a cluster in the scenario to attach to');
      eks.cluster(clusterName);
      kube = await startKubeApi({
        // Pods pull from the sandbox registry: an image that was never pushed fails as "not found".
        knownImages: (image) => ecr.imageExists(image),
        ...wiring.options,
        authenticate: (token) => authenticateKubeToken(token, clusterName),
        tls: wiring.tls ?? true,
        faults: faults.kube,
      });
      stops.push(() => kube!.stop());
      eks.attachKubeApi(clusterName, { url: kube.url, ...(kube.caData ? { caData: kube.caData } : {}) });
    }

    let docker: Dockerd | undefined;
    if (dockerd) {
      docker = await dockerd;
      stops.push(() => docker!.stop());
    }

    const env: Record<string, string> = {
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
      AWS_ACCESS_KEY_ID: SANDBOX_USER.accessKeyId,
      AWS_SECRET_ACCESS_KEY: SANDBOX_USER.secretAccessKey,
      AWS_ENDPOINT_URL_ECR: ecrApi.url,
      AWS_ENDPOINT_URL_EKS: eksApi.url,
      AWS_ENDPOINT_URL_EC2: ec2Api.url,
      AWS_ENDPOINT_URL_STS: sts.url,
      AWS_EC2_METADATA_DISABLED: 'true',
      GITHUB_API_URL: github.server.url,
      EKS_KIT_SANDBOX_REGISTRY: registryHost,
      ...(docker ? { DOCKER_HOST: docker.host } : {}),
      ...(kube ? { EKS_KIT_SANDBOX_KUBE_API: kube.url } : {}),
    };

    return {
      region,
      account,
      endpoints: {
        ecr: ecrApi.url,
        eks: eksApi.url,
        ec2: ec2Api.url,
        sts: sts.url,
        github: github.server.url,
        registry: proxy.url,
        registryHost,
        ...(kube ? { kube: kube.url } : {}),
      },
      env,
      credentials: { user: SANDBOX_USER, deployerRole: SANDBOX_DEPLOYER_ROLE, expiredRole: SANDBOX_EXPIRED_ROLE, noEcrReadUser: SANDBOX_NO_ECR_READ_USER },
      registryCredentials: { username: 'AWS', password: registryPassword },
      ecr,
      eks,
      eksAccounts: otherAccounts,
      github: {
        state: github.handlers.issues.state,
        seedPullRequest: (repository, title) => github.handlers.issues.seedPullRequest(repository, title).number,
      },
      faults,
      authenticateKubeToken,
      ...(kube ? { kube } : {}),
      ...(docker ? { docker: { host: docker.host } } : {}),
      pids: {
        ...(registry.pid !== undefined ? { registry: registry.pid } : {}),
        ...(docker?.pid !== undefined ? { dockerd: docker.pid } : {}),
      },
      workDir,
      stop: stopAll,
    };
  } catch (error) {
    // dockerd starts in parallel: wait for it either way so no daemon outlives a failed start.
    if (dockerd) await dockerd.then((d) => d.stop(), () => undefined);
    await stopAll();
    throw error;
  }
}

function track<T extends RunningServer | RegistryProcess>(stops: (() => Promise<void>)[]): (value: T) => T {
  return (value) => {
    stops.push(() => value.stop());
    return value;
  };
}

function withScanDelay(scenario: Scenario, delayMs: number | undefined) {
  const ecr = scenario.ecr ?? {};
  if (delayMs === undefined) return ecr;
  return { ...ecr, scanning: { ...ecr.scanning, delayMs } };
}
