/**
 * A Kubernetes API that the real kubectl deploys to: see packages/sandbox/KUBE.md.
 */
import { createServer as createHttpServer } from 'node:http';
import type { Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { FaultInjector } from '../faults.js';
import { Cluster } from './cluster.js';
import type { ClusterOptions } from './cluster.js';
import { ControllerManager } from './controllers/manager.js';
import { WatchHub } from './watch.js';
import type { RequestRecord, User } from './server.js';
import { createHandler } from './server.js';
import { tlsMaterial } from './tls.js';
import type { KubeconfigOptions } from './kubeconfig.js';
import { buildKubeconfig } from './kubeconfig.js';
import { nodeObject } from './nodes.js';
import type { SimNode } from './nodes.js';
import type { KubeObject } from './types.js';
import type { Scenario, ScenarioRule } from './scenario.js';
import { typeOf } from './store.js';

export type { KubeObject } from './types.js';
export type { FailureMode, Scenario, ScenarioRule, Timings } from './scenario.js';
export { FAILURE_ANNOTATION, FAILURE_MODES, DEFAULT_TIMINGS } from './scenario.js';
export type { SimNode } from './nodes.js';
export { DEFAULT_NODES } from './nodes.js';
export type { KubeconfigOptions } from './kubeconfig.js';
export type { RequestRecord, User } from './server.js';
export { RESOURCE_TYPES } from './resources.js';

export interface KubeApiOptions {
  /** Port to listen on (default: any free port on 127.0.0.1). */
  port?: number;
  host?: string;
  /** When given, every request needs `Authorization: Bearer <token>` that it accepts; else 401. */
  authenticate?: (bearerToken: string) => Promise<User | undefined>;
  /** Serve HTTPS with a generated CA (returned as `caData`, base64 PEM like EKS's certificateAuthority.data). */
  tls?: boolean;
  /** Simulated clock multiplier: 100 makes a 10 s readiness delay take 100 ms. */
  speed?: number;
  /** Failure rules by image and simulated durations. */
  scenario?: Scenario;
  faults?: FaultInjector;
  /** Simulated worker nodes (default: three m5.large-like nodes). */
  nodes?: SimNode[];
  /** Whether the registry has an image; a `false` makes pulls fail with "not found". Default: every image pulls. */
  knownImages?: (image: string) => boolean | Promise<boolean>;
  /** Namespaces to create besides default, kube-system, kube-public and kube-node-lease. */
  namespaces?: string[];
  /** Period of the controllers' safety pass in real milliseconds (default 250); they also run on every change and at each timed transition. */
  tickMs?: number;
}

export interface KubeApiState {
  cluster: Cluster;
  /** Every request the server received, in order (for asserting what kubectl sent). */
  requests: RequestRecord[];
  get(kind: string, namespace: string | undefined, name: string, apiVersion?: string): KubeObject | undefined;
  list(kind: string, namespace?: string, apiVersion?: string): KubeObject[];
  create(object: KubeObject): KubeObject;
  /** Add a failure rule at run time. */
  addRule(rule: ScenarioRule): void;
  /** Run one controller pass now. */
  tick(): void;
  /** Errors thrown inside controllers (should stay empty). */
  controllerErrors: unknown[];
  /** Open watch streams. */
  openWatches(): number;
}

export interface KubeApiHandle {
  url: string;
  /** base64 of the CA PEM when tls is on. */
  caData?: string;
  kubeconfig(options?: KubeconfigOptions): string;
  state: KubeApiState;
  stop(): Promise<void>;
}

export async function startKubeApi(options: KubeApiOptions = {}): Promise<KubeApiHandle> {
  const clusterOptions: ClusterOptions = {
    ...(options.speed !== undefined ? { speed: options.speed } : {}),
    ...(options.scenario ? { scenario: options.scenario } : {}),
    ...(options.nodes ? { nodes: options.nodes } : {}),
    ...(options.knownImages ? { knownImages: options.knownImages } : {}),
  };
  const cluster = new Cluster(clusterOptions);
  seed(cluster, options.namespaces ?? []);
  const watches = new WatchHub(cluster.store);
  const requests: RequestRecord[] = [];
  let address = '127.0.0.1:443';
  const handler = createHandler({
    cluster,
    watches,
    requests,
    serverAddress: () => address,
    ...(options.authenticate ? { authenticate: options.authenticate } : {}),
    ...(options.faults ? { faults: options.faults } : {}),
  });
  let server: Server;
  let caData: string | undefined;
  if (options.tls) {
    const tls = await tlsMaterial();
    caData = Buffer.from(tls.caPem).toString('base64');
    server = createHttpsServer({ cert: tls.certPem + tls.caPem, key: tls.keyPem }, handler);
  } else server = createHttpServer(handler);
  server.keepAliveTimeout = 30_000;
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  address = `${host}:${port}`;
  const url = `${options.tls ? 'https' : 'http'}://${host}:${port}`;
  const controllers = new ControllerManager(cluster, options.tickMs ?? 250);
  controllers.start();

  const state: KubeApiState = {
    cluster,
    requests,
    get: (kind, ns, name, apiVersion) => cluster.store.get(typeOf(kind, apiVersion), ns, name),
    list: (kind, ns, apiVersion) => cluster.store.list(typeOf(kind, apiVersion), ns),
    create: (object) => cluster.store.create(typeOf(object.kind, object.apiVersion), object),
    addRule: (rule) => cluster.rules.push(rule),
    tick: () => controllers.tick(),
    controllerErrors: controllers.errors,
    openWatches: () => watches.count,
  };
  let stopped: Promise<void> | undefined;
  return {
    url,
    ...(caData ? { caData } : {}),
    kubeconfig: (kc) => buildKubeconfig(url, caData, kc),
    state,
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        controllers.stop();
        watches.closeAll();
        server.close(() => resolve());
        server.closeIdleConnections?.();
        for (const s of sockets) s.destroy();
      });
      return stopped;
    },
  };
}

function seed(cluster: Cluster, extra: string[]): void {
  const nsType = typeOf('Namespace', 'v1');
  for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease', ...extra]) {
    if (!cluster.store.namespaceExists(name)) cluster.store.create(nsType, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }
  // Like a kubelet: register the node, then post its status (a create resets status).
  const nodeType = typeOf('Node', 'v1');
  cluster.nodes.forEach((node, i) => {
    const object = nodeObject(node, i);
    const created = cluster.store.create(nodeType, object);
    cluster.store.update(nodeType, { ...created, status: object.status }, { subresource: 'status' });
  });
}
