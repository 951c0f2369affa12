import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../src/files.js';

describe('loadConfig', () => {
  it('reads .hadolint.yaml when there is one and gives the defaults otherwise', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'eks-kit-config-'));
    expect((await loadConfig(undefined, dir)).source).toBeUndefined();
    writeFileSync(path.join(dir, '.hadolint.yaml'), 'ignored: [DL3008]\n');
    const { config, source } = await loadConfig(undefined, dir);
    expect(source).toBe('.hadolint.yaml');
    expect([...config.ignored]).toEqual(['DL3008']);
  });
});
