import { describe, expect, it } from '@jest/globals';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ProcessRunner } from '../src/command-runner.js';
import { CommandError } from '../src/errors.js';
import { programOnPath } from '../src/program-on-path.js';

function pathWith(...programs: string[]): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(path.join(tmpdir(), 'eks-kit-path-'));
  for (const program of programs) {
    writeFileSync(path.join(dir, program), '#!/bin/sh\n');
    chmodSync(path.join(dir, program), 0o755);
  }
  return { dir, env: { PATH: [path.join(dir, 'missing'), dir].join(path.delimiter) } };
}

describe('programOnPath', () => {
  it('finds a program in any PATH directory and misses one no directory holds', () => {
    const { env } = pathWith('shellcheck');
    expect(programOnPath('shellcheck', env)).toBe(true);
    expect(programOnPath('hadolint', env)).toBe(false);
  });
  it('reads an empty PATH entry as the directory the program would start in', () => {
    const { dir } = pathWith('tool');
    expect(programOnPath('tool', { PATH: `/nonexistent${path.delimiter}` }, dir)).toBe(true);
    expect(programOnPath('tool', { PATH: '/nonexistent' }, dir)).toBe(false);
  });
  it('leaves paths and an unset PATH to spawn', () => {
    expect(programOnPath('./tool', { PATH: '/nonexistent' })).toBeUndefined();
    expect(programOnPath('/usr/bin/tool', { PATH: '/nonexistent' })).toBeUndefined();
    expect(programOnPath('tool', {})).toBeUndefined();
  });
});

describe('ProcessRunner and a program PATH does not hold', () => {
  // The unit project refuses child processes: these pass only if nothing was started.
  it('fails as a failed start would, naming the program, without starting a process', async () => {
    const { env } = pathWith('shellcheck');
    const run = new ProcessRunner().run('hadolint', ['--version'], { env });
    await expect(run).rejects.toBeInstanceOf(CommandError);
    await expect(run).rejects.toThrow('hadolint was not found on PATH');
  });
  it('looks in the PATH of the environment the program would get, not the runner\'s own', async () => {
    const { dir } = pathWith();
    mkdirSync(path.join(dir, 'bin'));
    await expect(new ProcessRunner().run('node', [], { env: { PATH: path.join(dir, 'bin') } })).rejects.toThrow('node was not found on PATH');
  });
});
