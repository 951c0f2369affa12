import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { startSandbox, type Sandbox, type Scenario } from '@eks-kit/sandbox';
import { startProxiedGitHub, type ProxiedGitHub } from './harness/proxied-github.js';
import { runBundle } from './harness/run-bundle.js';
import { makeWorkspace } from './harness/workspace.js';

// undici, which @actions/github needs for its proxy support, is loaded only when the GitHub API is
// called (a chunk of its own in dist/): this proves the lazily loaded path still honours
// HTTPS_PROXY, as a runner behind a corporate proxy needs.
jest.setTimeout(120_000);

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const scenario: Scenario = {
  eks: {
    clusterVersions: [
      { clusterVersion: '1.34', releaseDate: day(-400), endOfStandardSupportDate: day(30), endOfExtendedSupportDate: day(395) },
      { clusterVersion: '1.35', releaseDate: day(-120), endOfStandardSupportDate: day(300), endOfExtendedSupportDate: day(665), defaultPlatformVersion: 'eks.4' },
    ],
    addonVersions: [],
    clusters: [{ name: 'soon', version: '1.34', platformVersion: 'eks.9', supportType: 'STANDARD' }],
  },
};

let sandbox: Sandbox;
let github: ProxiedGitHub;
beforeAll(async () => {
  sandbox = await startSandbox({ scenario });
  github = await startProxiedGitHub(sandbox.env.GITHUB_API_URL ?? '');
}, 60_000);
afterAll(async () => {
  await github?.stop();
  await sandbox?.stop();
});

const runDrift = (env: NodeJS.ProcessEnv) =>
  runBundle('version-drift', {
    workspace: makeWorkspace({ 'README.md': 'no manifests\n' }),
    env: { ...sandbox.env, AWS_MAX_ATTEMPTS: '1', GITHUB_API_URL: github.apiUrl, NODE_EXTRA_CA_CERTS: github.caFile, ...env },
    inputs: { clusters: 'soon', 'create-issues': 'true', 'github-token': 'sandbox-token', 'fail-days': '7' },
  });

describe('version-drift bundle behind an HTTPS proxy', () => {
  it('reaches the GitHub API through the CONNECT proxy named by HTTPS_PROXY', async () => {
    const run = await runDrift({ HTTPS_PROXY: github.proxyUrl });
    expect(run.stdout).not.toContain('::warning::');
    expect(run.exitCode).toBe(0);
    expect(github.tunnels).toContain('api.github.test:443');
    expect(sandbox.github.state.issues('acme/shop')).toEqual([expect.objectContaining({ state: 'open', title: expect.stringContaining('EKS soon (us-east-1)') })]);
  });

  it('without the proxy the same host is out of reach, and the step says so as a warning', async () => {
    const before = github.tunnels.length;
    const run = await runDrift({});
    expect(github.tunnels).toHaveLength(before);
    expect(run.stdout).toMatch(/::warning::issues in acme\/shop: .*(ENOTFOUND|EAI_AGAIN|fetch failed)/);
  });
});
