import { describe, expect, it, jest } from '@jest/globals';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runBundle } from './harness/run-bundle.js';
import { makeWorkspace } from './harness/workspace.js';

jest.setTimeout(60_000);

describe('a crash in a bundle', () => {
  it('prints a stack that names the .ts sources, through the source maps shipped in dist/', async () => {
    // An output file the runner cannot append to (a directory): a bug-shaped failure, not an input mistake.
    const outputDir = mkdtempSync(path.join(tmpdir(), 'eks-kit-output-dir-'));
    mkdirSync(outputDir, { recursive: true });
    const run = await runBundle('lint', {
      workspace: makeWorkspace({ Dockerfile: 'FROM alpine:3.20\nUSER 1000\nCMD ["true"]\n' }),
      env: { GITHUB_OUTPUT: outputDir },
    });
    expect(run.exitCode).toBe(1);
    expect(run.failure).toMatch(/^Unexpected error \(please report it\): Error: EISDIR/);
    // Frames of the entry's static imports and of the lazily loaded step are both mapped.
    expect(run.failure).toMatch(/actions\/runtime\/src\/run-action\.ts:\d+:\d+/);
    expect(run.failure).toMatch(/actions\/lint\/src\/lint-step\.ts:\d+:\d+/);
    expect(run.failure).not.toMatch(/dist\/lint\/chunks\/[^\s)]+\.js:\d+/);
  });
});
