import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { loadLogger } from '../bench/loaded-files.js';
import { repoRoot, runBundle } from './harness/run-bundle.js';

/**
 * A step that stops at its first input check must not have loaded the AWS SDK: it is most of a
 * bundle's start-up when it does (version-drift once took 3.5× `node -e 0` that way, through one
 * helper that shared a module with the STS client). What a step loads is read off the bundles'
 * source maps, so the check names the package that crept in.
 */
const FIRST_CHECK: Record<string, { inputs?: Record<string, string>; says: RegExp }> = {
  'build-push': { says: /repository/ },
  deploy: { says: /cluster-name/ },
  lint: { inputs: { 'failure-threshold': 'bogus' }, says: /failure-threshold/ },
  'scan-gate': { says: /image/ },
  'version-drift': { says: /regions: no clusters/ },
};

const SDK_SOURCE = /node_modules\/(@aws-sdk|@smithy|@aws-crypto)\//;

/** The npm packages of the SDK whose sources are in the files a run loaded. */
function sdkPackagesIn(files: string[]): string[] {
  const packages = new Set<string>();
  for (const file of files) {
    const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] };
    for (const source of map.sources) {
      const match = SDK_SOURCE.exec(source);
      if (match) packages.add(/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)![1]!);
    }
  }
  return [...packages].sort();
}

describe.each(Object.keys(FIRST_CHECK))('dist/%s stopped at its first input check', (action) => {
  it('has loaded nothing of the AWS SDK', async () => {
    const { inputs, says } = FIRST_CHECK[action]!;
    const loads = loadLogger();
    const run = await runBundle(action, { workspace: mkdtempSync(path.join(tmpdir(), 'eks-kit-startup-')), inputs, env: loads.env });
    expect(run.exitCode).toBe(1);
    expect(run.failure ?? run.stderr).toMatch(says);
    const loaded = loads.read(path.join(repoRoot, 'dist', action));
    expect(loaded.files.length).toBeGreaterThan(1);
    expect(sdkPackagesIn(loaded.files)).toEqual([]);
  });
});
