import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeClusterCommand } from '@aws-sdk/client-eks';
import { startSandbox } from '../../src/index.js';
import type { Sandbox } from '../../src/index.js';
import { sdkClients } from './helpers/clients.js';
import { pushImage } from './helpers/push-image.js';
import { run, runOk } from './helpers/run.js';

let sandbox: Sandbox;
let home: string;

beforeAll(async () => {
  sandbox = await startSandbox({ kubeApi: { options: { speed: 50 } } });
  home = await mkdtemp(join(tmpdir(), 'eks-kit-sandbox-home-'));
});

afterAll(async () => {
  await sandbox.stop();
  await rm(home, { recursive: true, force: true });
});

describe('startSandbox', () => {
  test('exports the variables SDKs, the CLI, Octokit and docker read', () => {
    expect(sandbox.env).toMatchObject({
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: sandbox.credentials.user.accessKeyId,
      AWS_SECRET_ACCESS_KEY: sandbox.credentials.user.secretAccessKey,
      AWS_ENDPOINT_URL_ECR: sandbox.endpoints.ecr,
      AWS_ENDPOINT_URL_EKS: sandbox.endpoints.eks,
      AWS_ENDPOINT_URL_STS: sandbox.endpoints.sts,
      GITHUB_API_URL: sandbox.endpoints.github,
      EKS_KIT_SANDBOX_REGISTRY: sandbox.endpoints.registryHost,
      EKS_KIT_SANDBOX_KUBE_API: sandbox.endpoints.kube,
    });
    for (const url of [sandbox.endpoints.ecr, sandbox.endpoints.eks, sandbox.endpoints.sts, sandbox.endpoints.github, sandbox.endpoints.registry]) {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    }
  });

  test('DescribeCluster points at the Kubernetes stand-in, with its CA', async () => {
    const { eks } = sdkClients(sandbox);
    const { cluster } = await eks.send(new DescribeClusterCommand({ name: 'demo' }));
    eks.destroy();
    expect(cluster?.endpoint).toBe(sandbox.kube?.url);
    expect(cluster?.certificateAuthority?.data).toBe(sandbox.kube?.caData);
    expect(cluster?.endpoint).toMatch(/^https:/);
  });

  test('aws eks update-kubeconfig + kubectl: the exec plugin token is verified through the STS emulator', async () => {
    const kubeconfig = join(home, 'kubeconfig');
    const env = { ...process.env, ...sandbox.env, HOME: home, KUBECONFIG: kubeconfig, AWS_CONFIG_FILE: join(home, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'none') };
    await runOk('aws', ['eks', 'update-kubeconfig', '--name', 'demo', '--kubeconfig', kubeconfig], { env });
    const namespaces = await runOk('kubectl', ['--kubeconfig', kubeconfig, 'get', 'namespace', 'default', '-o', 'name'], { env });
    expect(namespaces.stdout.trim()).toBe('namespace/default');
    const who = sandbox.kube!.state.requests.at(-1) as { user?: { username?: string } } | undefined;
    expect(JSON.stringify(who)).toContain(sandbox.credentials.user.arn);

    // A principal with no access entry is refused the way EKS refuses it.
    const stranger = { ...env, AWS_ACCESS_KEY_ID: 'AKIAUNKNOWN000000000', AWS_SECRET_ACCESS_KEY: 'x' };
    const refused = await run('kubectl', ['--kubeconfig', kubeconfig, 'get', 'namespace', 'default'], { env: stranger });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/Unauthorized|must be logged in/);
  });

  test('the Kubernetes stand-in asks the sandbox registry whether an image exists', async () => {
    const { ecr } = sandbox;
    const token = Buffer.from(`AWS:${sandbox.registryCredentials.password}`).toString('base64');
    await pushImage(sandbox.endpoints.registry, token, 'eks-kit/demo', 'present');
    expect(await ecr.imageExists(`${sandbox.endpoints.registryHost}/eks-kit/demo:present`)).toBe(true);
    expect(await ecr.imageExists(`${sandbox.endpoints.registryHost}/eks-kit/demo:absent`)).toBe(false);
    expect(await ecr.imageExists(`${sandbox.endpoints.registryHost}/no/repo:x`)).toBe(false);
    expect(await ecr.imageExists('public.ecr.aws/docker/library/busybox:latest')).toBe(true);
  });
});

test('stop() ends every server and the registry process, and can be called twice', async () => {
  const own = await startSandbox();
  await own.stop();
  await own.stop();
  await expect(fetch(`${own.endpoints.ecr}/`, { method: 'POST' })).rejects.toThrow();
  await expect(fetch(`${own.endpoints.registry}/v2/`)).rejects.toThrow();
});
