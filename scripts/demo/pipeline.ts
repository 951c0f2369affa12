/**
 * The demo's workflow, step by step: what a team's push to main runs, then a second release, as a
 * pull request into main, that goes wrong. Each step names the action, what it is expected to do,
 * its inputs (from what the earlier steps produced) and a check that the step behaved as designed,
 * which for some steps means failing.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Sandbox } from '@eks-kit/sandbox';
import type { BundleRun } from '../../test/harness/run-bundle.js';
import type { BaseImage } from './base-image.js';
import { commitBrokenRelease, type DemoRepository } from './repository.js';
import { scanReport } from './scan-reports.js';

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
  baseImage: BaseImage;
  /** A directory for files the runner would write (the pull request's event payload). */
  scratch: string;
  /** The pull request the second release is opened as, once it is. */
  pullRequest?: number;
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
  /** The runner's variables for the event this step runs on, when not a push to main. */
  event?: (ctx: DemoContext) => NodeJS.ProcessEnv;
  /** Whether the action has a post step (logout, kubeconfig removal) to run after it. */
  post?: boolean;
  /** Texts the step's section of the report must show a reviewer (checked in the browser). */
  mustShow?: string[];
  /** What else the step wrote for a person (its pull request comment), for the report. */
  attach?: (ctx: DemoContext) => { title: string; markdown: string }[];
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
  'build-args': `NODE_IMAGE=${ctx.baseImage.reference}`,
  // A runner would reach npm; the demo needs nothing from the network.
  network: 'none',
});

const checkBuilt = async (run: BundleRun, ctx: DemoContext) => {
  if (!/^sha256:[a-f0-9]{64}$/.test(run.outputs.digest ?? '')) return `no digest output (got "${run.outputs.digest ?? ''}")`;
  if (!(await ctx.sandbox.ecr.imageExists(run.outputs.image ?? ''))) return `the registry does not have ${run.outputs.image}`;
  return undefined;
};

/** Pull request #N from release/1.4.3 into main, as the runner describes a pull_request event. */
function pullRequestEvent(ctx: DemoContext): NodeJS.ProcessEnv {
  ctx.pullRequest ??= ctx.sandbox.github.seedPullRequest(GITHUB_REPOSITORY, 'shop-api 1.4.3: read orders from the database');
  const eventPath = path.join(ctx.scratch, `pull-request-${ctx.pullRequest}.json`);
  writeFileSync(eventPath, JSON.stringify({ pull_request: { number: ctx.pullRequest, base: { ref: 'main' }, head: { ref: 'release/1.4.3' } } }));
  return {
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REF: `refs/pull/${ctx.pullRequest}/merge`,
    GITHUB_REF_NAME: `${ctx.pullRequest}/merge`,
    GITHUB_BASE_REF: 'main',
    GITHUB_HEAD_REF: 'release/1.4.3',
  };
}

/**
 * The sandbox has no vulnerability database: it is told what ECR's basic scan reports for the
 * image, as the simulated cluster is told what an image does when started.
 */
const pinScanReport = (buildStep: string, week: 1 | 2) => async (ctx: DemoContext) => {
  const { digest } = built(ctx, buildStep);
  const report = scanReport(ctx.baseImage.packages, week);
  ctx.sandbox.ecr.pinScanResult(ECR_REPOSITORY, digest, report);
  return `the sandbox's scanner reports ${report.findings?.length ?? 0} made-up advisories against the image's Debian packages (${week === 1 ? 'this week' : 'a week later: one since rejected, one newly published'})`;
};

const scanInputs = (digestOf: string, extra: Record<string, string> = {}) => (ctx: DemoContext) => ({
  repository: ECR_REPOSITORY,
  digest: built(ctx, digestOf).digest,
  'fail-on': 'high',
  'poll-interval': '1',
  timeout: '120',
  'pr-comment': 'false',
  'github-token': GITHUB_TOKEN,
  ...extra,
});

/** Passed on a finished scan that found what the sandbox was told, none of it high or critical. */
const checkScanPassed = (findings: number) => (run: BundleRun) => {
  if (run.outputs.verdict !== 'pass') return `verdict ${run.outputs.verdict ?? '(none)'}`;
  return run.outputs.findings === String(findings) ? undefined : `expected ${findings} findings, got ${run.outputs.findings ?? '(none)'}`;
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
    shows: 'No Docker daemon: buildah builds, the repository is created (immutable tags except the moving `main`, scan on push), the digest comes back as an output, and the summary lists the layers with the Dockerfile line that made each.',
    inputs: buildInputs,
    post: true,
    mustShow: ['shop-api/Dockerfile:18 (COPY src/ ./src/)', 'first push of shop/shop-api:main'],
    check: checkBuilt,
  },
  {
    id: 'scan-1.4.2',
    action: 'scan-gate',
    title: 'Gate shop-api 1.4.2 on its ECR scan',
    expected: 'pass',
    shows:
      'Waits for the scan on push to finish, with evidence that it finished for this digest, then judges the findings: three advisories against the base image’s Debian packages, none high or critical, so the gate passes. This image is what main’s later pull requests are compared with.',
    before: pinScanReport('build-1.4.2', 1),
    inputs: scanInputs('build-1.4.2'),
    check: checkScanPassed(3),
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
    title: 'Build shop-api 1.4.3 for its pull request, a release that cannot start',
    expected: 'pass',
    shows: 'A pull request into main needs a DATABASE_URL the cluster does not provide. It builds and pushes as pr-N; the layer table compares it with the image main’s tag names: only the layers of the changed files differ.',
    before: async (ctx) => {
      ctx.repository = await commitBrokenRelease(ctx.repository);
      return `commit ${ctx.repository.sha.slice(0, 7)} on release/1.4.3: shop-api 1.4.3 exits at start without DATABASE_URL`;
    },
    event: pullRequestEvent,
    inputs: buildInputs,
    post: true,
    mustShow: ['against the base branch main', 'at shop-api/Dockerfile:18 (COPY src/ ./src/)'],
    check: async (run, ctx) => {
      const problem = await checkBuilt(run, ctx);
      if (problem) return problem;
      const base = built(ctx, 'build-1.4.2').digest;
      if (run.outputs['previous-digest'] !== base) return `expected the layers compared with main's image ${base}, got ${run.outputs['previous-digest'] ?? 'no comparison'}`;
      return run.outputs['size-delta-bytes'] === undefined ? 'no size-delta-bytes output' : undefined;
    },
  },
  {
    id: 'scan-1.4.3',
    action: 'scan-gate',
    title: 'Gate the pull request on what its scan adds to main’s',
    expected: 'pass',
    shows:
      'On the pull request, scan-gate compares the findings with main’s image: one advisory new, one fixed, two unchanged, in the job summary and in a comment on the pull request. fail-on: new judges only the new one (medium, under the high limit), so the gate passes; no scan could see a missing setting anyway.',
    before: pinScanReport('build-1.4.3', 2),
    event: pullRequestEvent,
    inputs: scanInputs('build-1.4.3', { 'fail-on': 'new', 'pr-comment': 'true' }),
    mustShow: ['1 new, 1 fixed, 2 unchanged', 'CVE-2099-1004', 'CVE-2099-1003'],
    attach: (ctx) => {
      const comment = ctx.pullRequest === undefined ? undefined : ctx.sandbox.github.state.comments(GITHUB_REPOSITORY, ctx.pullRequest).at(-1);
      return comment ? [{ title: `Comment on pull request #${ctx.pullRequest}`, markdown: comment.body }] : [];
    },
    check: (run, ctx) => {
      const problem = checkScanPassed(3)(run);
      if (problem) return problem;
      const delta = [run.outputs['new-findings'], run.outputs['fixed-findings']];
      if (delta.join(' ') !== '1 1') return `expected 1 new and 1 fixed finding, got ${delta.join(' and ')}`;
      if (run.outputs['baseline-digest'] !== built(ctx, 'build-1.4.2').digest) return `compared with ${run.outputs['baseline-digest'] ?? 'nothing'}, not main's image`;
      const comments = ctx.pullRequest === undefined ? [] : ctx.sandbox.github.state.comments(GITHUB_REPOSITORY, ctx.pullRequest);
      return comments.length === 1 && comments[0]!.body.includes('**1 new**, **1 fixed**') ? undefined : `expected one pull request comment with the delta, found ${comments.length}`;
    },
  },
  {
    id: 'deploy-1.4.3',
    action: 'deploy',
    title: 'Deploy shop-api 1.4.3: caught and rolled back',
    expected: 'fail',
    shows: 'Merged on a green gate, the digest the pull request built and scanned is deployed. The new pods crash at start; deploy sees CrashLoopBackOff within seconds, shows the container log, and rolls back to 1.4.2.',
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
