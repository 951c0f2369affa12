/**
 * The demo's workflow, step by step: what a team's push to main runs, then a second release that
 * goes wrong. Each step names the action, what it is expected to do, its inputs (from what the
 * earlier steps produced) and a check that the step behaved as designed, which for some steps
 * means failing.
 */
import type { Sandbox } from '@eks-kit/sandbox';
import type { BundleRun } from '../../test/harness/run-bundle.js';
import { commitBrokenRelease, type DemoRepository } from './repository.js';

export const GITHUB_REPOSITORY = 'example-org/shop';
/** The sandbox's GitHub accepts any non-empty token; a real workflow passes `github.token`. */
const GITHUB_TOKEN = 'demo-token';
const ECR_REPOSITORY = 'shop/shop-api';
const CLUSTER = 'demo';
const NAMESPACE = 'shop';

export interface DemoContext {
  sandbox: Sandbox;
  repository: DemoRepository;
  /** buildah's private storage and auth file. */
  builderEnv: Record<string, string>;
  baseImage: string;
  /** Outputs of the steps so far, by step id. */
  outputs: Record<string, Record<string, string>>;
}

export interface DemoStep {
  id: string;
  action: 'lint' | 'build-push' | 'scan-gate' | 'version-drift' | 'deploy';
  title: string;
  /** The designed outcome of the step itself. */
  expected: 'pass' | 'fail';
  /** One sentence for the reader: what the step shows. */
  shows: string;
  /** Runs before the step, e.g. a new commit. Returns a note for the account, if any. */
  before?: (ctx: DemoContext) => Promise<string | undefined>;
  inputs: (ctx: DemoContext) => Record<string, string>;
  /** Whether the action has a post step (logout, kubeconfig removal) to run after it. */
  post?: boolean;
  /** What was wrong with the run, or undefined when it behaved as designed (beyond pass/fail). */
  check: (run: BundleRun, ctx: DemoContext) => string | undefined | Promise<string | undefined>;
}

function liveImage(ctx: DemoContext): string | undefined {
  const deployment = ctx.sandbox.kube?.state.get('Deployment', NAMESPACE, 'shop-api') as { spec?: { template?: { spec?: { containers?: { image?: string }[] } } } } | undefined;
  return deployment?.spec?.template?.spec?.containers?.[0]?.image;
}

function built(ctx: DemoContext, step: string): { image: string; digest: string } {
  const outputs = ctx.outputs[step] ?? {};
  if (!outputs.image || !outputs.digest) throw new Error(`step ${step} left no image output`);
  return { image: outputs.image, digest: outputs.digest };
}

const buildInputs = (ctx: DemoContext): Record<string, string> => ({
  repository: ECR_REPOSITORY,
  'create-repository': 'true',
  driver: 'buildah',
  context: 'shop-api',
  'build-args': `NODE_IMAGE=${ctx.baseImage}`,
  // A runner would reach npm; the demo needs nothing from the network.
  network: 'none',
  // The repository keeps tags immutable: one tag per commit, no moving branch tag.
  'tag-branch': 'false',
});

const checkBuilt = async (run: BundleRun, ctx: DemoContext) => {
  if (!/^sha256:[a-f0-9]{64}$/.test(run.outputs.digest ?? '')) return `no digest output (got "${run.outputs.digest ?? ''}")`;
  if (!(await ctx.sandbox.ecr.imageExists(run.outputs.image ?? ''))) return `the registry does not have ${run.outputs.image}`;
  return undefined;
};

const scanInputs = (digestOf: string) => (ctx: DemoContext) => ({
  repository: ECR_REPOSITORY,
  digest: built(ctx, digestOf).digest,
  'fail-on': 'high',
  // The demo's images are built FROM scratch (this machine's node and busybox), which ECR cannot
  // scan: basic scanning ends FAILED with UnsupportedImageError. The demo accepts that status out
  // loud; a real service on a distribution base image keeps the default and fails closed.
  'accept-scan-status': 'UNSUPPORTED_IMAGE',
  'poll-interval': '1',
  timeout: '120',
  'pr-comment': 'false',
  'github-token': GITHUB_TOKEN,
});

/** Passed, and said why: the image could not be scanned and the demo's policy accepted that. */
const checkScanPassed = (run: BundleRun) => {
  if (run.outputs.verdict !== 'pass') return `verdict ${run.outputs.verdict ?? '(none)'}`;
  const said = run.commands.some((c) => c.command === 'warning' && c.message.includes('scan status UNSUPPORTED_IMAGE accepted by policy'));
  return said ? undefined : 'passed without warning that the image could not be scanned';
};

const deployInputs = (buildStep: string) => (ctx: DemoContext) => ({
  'cluster-name': CLUSTER,
  namespace: NAMESPACE,
  manifests: 'shop-api/k8s',
  images: `shop-api=${built(ctx, buildStep).image}`,
  'github-deployment': 'true',
  environment: 'production',
  'github-token': GITHUB_TOKEN,
  'poll-interval': '0.5',
  timeout: '120',
});

export const PIPELINE: DemoStep[] = [
  {
    id: 'lint-shop-api',
    action: 'lint',
    title: 'Lint the shop-api Dockerfile',
    expected: 'pass',
    shows: 'Dependencies before sources, a cache mount, a non-root runtime stage: no findings at any severity.',
    inputs: () => ({ dockerfiles: 'shop-api/Dockerfile', 'sarif-file': 'lint-shop-api.sarif' }),
    check: (run) => (run.outputs.total === '0' ? undefined : `expected no findings, got ${run.outputs.total ?? '?'}`),
  },
  {
    id: 'lint-legacy-worker',
    action: 'lint',
    title: 'Lint a legacy Dockerfile',
    expected: 'fail',
    shows: 'The mistakes lint exists to catch, as annotations on the Dockerfile lines and a table in the job summary.',
    inputs: () => ({ dockerfiles: 'legacy-worker/Dockerfile', 'sarif-file': 'lint-legacy-worker.sarif' }),
    check: (run) => {
      const findings = Number(run.outputs.total ?? 0);
      if (findings === 0 || run.annotations.length === 0) return `expected findings with annotations, got ${findings} findings and ${run.annotations.length} annotations`;
      // The cache rule hadolint lacks must be among them: `COPY . /app` before `npm install`.
      return run.annotations.some((a) => a.properties.title?.startsWith('EK1001')) ? undefined : 'expected EK1001 (whole context copied before the dependency install)';
    },
  },
  {
    id: 'build-1.4.2',
    action: 'build-push',
    title: 'Build shop-api 1.4.2 with buildah and push it to ECR',
    expected: 'pass',
    shows: 'No Docker daemon: buildah builds, the repository is created (immutable tags, scan on push), the digest comes back as an output.',
    inputs: buildInputs,
    post: true,
    check: checkBuilt,
  },
  {
    id: 'scan-1.4.2',
    action: 'scan-gate',
    title: 'Gate shop-api 1.4.2 on its ECR scan',
    expected: 'pass',
    shows:
      'Waits for the scan on push to finish. The image is built FROM scratch, so ECR cannot scan it (UnsupportedImageError); the demo accepts that status with accept-scan-status and the gate passes with a warning that nothing was checked. Left at its default, the gate fails closed.',
    inputs: scanInputs('build-1.4.2'),
    check: checkScanPassed,
  },
  {
    id: 'version-drift',
    action: 'version-drift',
    title: 'Check the clusters for version drift',
    expected: 'fail',
    shows: 'Both clusters are past the end of standard support, node groups lag, and the legacy manifests use removed APIs: one issue per cluster.',
    inputs: () => ({ manifests: 'shop-api/k8s\nlegacy-worker/k8s', 'github-token': GITHUB_TOKEN }),
    check: (run, ctx) => {
      if (run.outputs.status !== 'failure') return `expected status failure, got ${run.outputs.status ?? '(none)'}`;
      if (Number(run.outputs.blockers ?? 0) === 0) return 'expected upgrade blockers (removed APIs in the legacy manifests, node group skew)';
      const issues = ctx.sandbox.github.state.issues(GITHUB_REPOSITORY).filter((i) => i.state === 'open');
      const checked = Number(run.outputs.clusters ?? 0);
      return checked > 0 && issues.length === checked ? undefined : `expected one open issue per drifting cluster (${checked}), found ${issues.length}`;
    },
  },
  {
    id: 'deploy-1.4.2',
    action: 'deploy',
    title: 'Deploy shop-api 1.4.2 to the demo cluster',
    expected: 'pass',
    shows: 'kubectl applies the manifests with the scanned digest, the rollout is verified pod by pod, and a GitHub deployment records it.',
    inputs: deployInputs('build-1.4.2'),
    post: true,
    check: (run, ctx) => {
      const expected = built(ctx, 'build-1.4.2').image;
      if (run.outputs.status !== 'success') return `expected status success, got ${run.outputs.status ?? '(none)'}`;
      if (liveImage(ctx) !== expected) return `the cluster runs ${liveImage(ctx) ?? 'nothing'}, not ${expected}`;
      const deployment = ctx.sandbox.github.state.deployments(GITHUB_REPOSITORY).at(-1);
      const status = deployment && ctx.sandbox.github.state.deploymentStatuses(GITHUB_REPOSITORY, deployment.id).at(-1)?.state;
      return status === 'success' ? undefined : `the GitHub deployment's last status is ${status ?? '(none)'}`;
    },
  },
  {
    id: 'build-1.4.3',
    action: 'build-push',
    title: 'Build shop-api 1.4.3, a release that cannot start',
    expected: 'pass',
    shows: 'A new commit needs a DATABASE_URL the cluster does not provide. It builds and scans clean: only running it shows the bug.',
    before: async (ctx) => {
      ctx.repository = await commitBrokenRelease(ctx.repository);
      return `commit ${ctx.repository.sha.slice(0, 7)}: shop-api 1.4.3 exits at start without DATABASE_URL`;
    },
    inputs: buildInputs,
    post: true,
    check: checkBuilt,
  },
  {
    id: 'scan-1.4.3',
    action: 'scan-gate',
    title: 'Gate shop-api 1.4.3 on its ECR scan',
    expected: 'pass',
    shows: 'Unscannable again, accepted with a warning as before; and no scan could see a missing setting anyway.',
    inputs: scanInputs('build-1.4.3'),
    check: checkScanPassed,
  },
  {
    id: 'deploy-1.4.3',
    action: 'deploy',
    title: 'Deploy shop-api 1.4.3: caught and rolled back',
    expected: 'fail',
    shows: 'The new pods crash at start; deploy sees CrashLoopBackOff within seconds, shows the container log, and rolls back to 1.4.2.',
    before: async (ctx) => {
      const { image, digest } = built(ctx, 'build-1.4.3');
      // The simulated cluster runs no containers: it is told what this image does when started.
      ctx.sandbox.kube?.state.addRule({ image: digest, failure: 'crashloop', logs: ['shop-api 1.4.3 starting', 'fatal: DATABASE_URL is not set'] });
      return `the simulated cluster will run ${image.split('@')[0]}@…${image.slice(-7)} as the code does: exit 1 at start`;
    },
    inputs: deployInputs('build-1.4.3'),
    post: true,
    check: (run, ctx) => {
      const previous = built(ctx, 'build-1.4.2').image;
      if (run.outputs.status !== 'failure') return `expected status failure, got ${run.outputs.status ?? '(none)'}`;
      if (run.outputs['rolled-back'] !== 'true') return 'expected a rollback';
      if (!/CrashLoopBackOff/.test(run.failure ?? '')) return `expected the failure to name CrashLoopBackOff, got: ${run.failure ?? '(none)'}`;
      if (!run.summary.includes('DATABASE_URL is not set')) return 'expected the job summary to show the container log';
      return liveImage(ctx) === previous ? undefined : `after the rollback the cluster runs ${liveImage(ctx) ?? 'nothing'}, not ${previous}`;
    },
  },
];
