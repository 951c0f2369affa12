import { describe, expect, it } from '@jest/globals';
import { ProcessRunner } from '../../src/command-runner.js';
import { CommandError } from '../../src/errors.js';

const activeTimers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

describe('ProcessRunner', () => {
  const runner = new ProcessRunner();
  it('passes stdin to the program instead of argv', async () => {
    const result = await runner.run(process.execPath, ['-e', 'process.stdin.pipe(process.stdout)'], { input: 'secret' });
    expect(result.stdout).toBe('secret');
  });
  it('starts the program before a promised input is ready, writes it once it is, and stops the program when it is refused', async () => {
    let give: (text: string) => void = () => undefined;
    const input = new Promise<string>((resolve) => (give = resolve));
    const started: string[] = [];
    const run = runner.run(process.execPath, ['-e', 'console.log("up"); process.stdin.pipe(process.stdout)'], { input, onStdout: (c) => started.push(c) });
    for (let i = 0; i < 200 && started.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(started.join('')).toBe('up\n');
    give('later');
    expect((await run).stdout).toBe('up\nlater');
    const refused = runner.run(process.execPath, ['-e', 'process.stdin.resume(); setTimeout(() => {}, 30000)'], { input: Promise.reject(new Error('record failed')), timeoutMs: 20_000 });
    await expect(refused).rejects.toThrow(/exited with a signal/);
  });
  it('throws a CommandError with the tail of stderr on failure', async () => {
    const failure = runner.run(process.execPath, ['-e', 'console.error("boom"); process.exit(3)']);
    await expect(failure).rejects.toBeInstanceOf(CommandError);
    await expect(failure).rejects.toThrow(/exited with 3: boom/);
  });
  it('reports a missing program by name', async () => {
    await expect(runner.run('definitely-not-a-program-xyz', [])).rejects.toThrow('definitely-not-a-program-xyz was not found on PATH');
  });
  it('reports a missing program by name when spawn itself looks it up (no PATH given)', async () => {
    await expect(runner.run('definitely-not-a-program-xyz', [], { env: {} })).rejects.toThrow('definitely-not-a-program-xyz was not found on PATH');
  });
  it('does not keep the process waiting for the timeout of a program that never started', async () => {
    const timersBefore = activeTimers();
    await expect(runner.run('definitely-not-a-program-xyz', [], { timeoutMs: 60_000 })).rejects.toThrow('was not found');
    // The 60 s timer is cleared with the failed start, so nothing holds the process open.
    expect(activeTimers()).toBeLessThanOrEqual(timersBefore);
  });
  it('stops a program that runs past its timeout', async () => {
    await expect(runner.run(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { timeoutMs: 200 })).rejects.toThrow(/did not finish within 200 ms and was stopped/);
  });
  it('stops a program when its signal aborts and resolves with what it printed, streamed as it came', async () => {
    const controller = new AbortController();
    const chunks: string[] = [];
    const run = runner.run(process.execPath, ['-e', 'console.log("first"); setTimeout(() => {}, 30000)'], {
      signal: controller.signal,
      onStdout: (chunk) => {
        chunks.push(chunk);
        controller.abort();
      },
    });
    const result = await run;
    expect(result.stdout).toBe('first\n');
    expect(chunks).toEqual(['first\n']);
    // Aborted before the start: stopped at once.
    const early = new AbortController();
    early.abort();
    await expect(runner.run(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { signal: early.signal })).resolves.toMatchObject({ stdout: '' });
  });
  it('returns the exit code when failure is allowed', async () => {
    const result = await runner.run(process.execPath, ['-e', 'process.exit(2)'], { allowFailure: true });
    expect(result.exitCode).toBe(2);
  });
});
