import { describe, expect, it, jest } from '@jest/globals';
import { runBundle } from './harness/run-bundle.js';
import { makeWorkspace } from './harness/workspace.js';

// .ci/run runs the e2e project twice: on the machine's Node and on Node 24, the runtime every
// action.yml declares. The AWS SDK warns on Node older than 22; the runner's Node must not see it.
// One bundle run that retries a refused connection for about five seconds: a generous deadline.
jest.setTimeout(60_000);
const major = Number(process.versions.node.split('.')[0]);

describe(`the bundles on Node ${process.version}`, () => {
  it('reach an AWS call and say so; the SDK warns about the Node version only below 22', async () => {
    const workspace = makeWorkspace({});
    const run = await runBundle('scan-gate', {
      workspace,
      inputs: { image: '111122223333.dkr.ecr.us-east-1.amazonaws.com/shop/web:v1', timeout: '5' },
      env: { AWS_ENDPOINT_URL_ECR: 'http://127.0.0.1:9', AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'example', AWS_REGION: 'us-east-1' },
    });
    expect(run.exitCode).toBe(1);
    expect(run.failure).toMatch(/ECR/);
    if (major >= 22) expect(run.stderr).not.toContain('NodeVersionSupportWarning');
    else expect(run.stderr).toContain('NodeVersionSupportWarning');
  });
});
