import { afterAll, beforeAll } from '@jest/globals';
import { startSandbox, type Sandbox, type SandboxOptions, type Scenario } from '@eks-kit/sandbox';
import { runBundle, type BundleRun } from '../harness/run-bundle.js';

/** Today ± days as YYYY-MM-DD, so a scenario's support dates stay true on any day. */
export const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * One sandbox with `scenario` for the test file, and a runner of the version-drift bundle against it
 * (no issues, one attempt per call unless the inputs or env say otherwise).
 */
export function driftSandbox(scenario: Scenario, options: Omit<SandboxOptions, 'scenario'> = {}): { sandbox: () => Sandbox; run: (inputs: Record<string, string>, workspace: string, env?: NodeJS.ProcessEnv) => Promise<BundleRun> } {
  // Each test runs the bundle in a new process on a shared machine: seconds, not milliseconds.
  let sandbox: Sandbox | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox({ ...options, scenario });
  }, 60_000);
  afterAll(async () => sandbox?.stop());
  const started = (): Sandbox => {
    if (!sandbox) throw new Error('the sandbox has not started');
    return sandbox;
  };
  return {
    sandbox: started,
    run: (inputs, workspace, env = {}) =>
      runBundle('version-drift', { workspace, env: { ...started().env, AWS_MAX_ATTEMPTS: '1', ...env }, inputs: { 'create-issues': 'false', 'github-token': '', ...inputs } }),
  };
}
