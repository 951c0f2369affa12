import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

export interface Dockerd {
  /** `unix:///…/docker.sock`, for DOCKER_HOST. */
  host: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

/**
 * Starts a private dockerd as these machines allow it (root, no bridge networking, vfs storage).
 * Needs root and the Debian docker.io package; slow (seconds), so the sandbox starts it only on request.
 */
export async function startDockerd(dir: string, readyTimeoutMs = 60_000): Promise<Dockerd> {
  await mkdir(join(dir, 'data'), { recursive: true });
  await mkdir(join(dir, 'exec'), { recursive: true });
  const socket = join(dir, 'docker.sock');
  const args = [
    '--data-root', join(dir, 'data'),
    '--exec-root', join(dir, 'exec'),
    '--pidfile', join(dir, 'docker.pid'),
    '-H', `unix://${socket}`,
    '--iptables=false', '--ip6tables=false', '--bridge=none', '--storage-driver=vfs',
  ];
  const child = spawn('dockerd', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(new Error(`cannot run dockerd: ${error.message} (install the Debian package docker.io)`)));
    child.once('exit', (code) => reject(new Error(`dockerd exited with ${code}: ${tail.trim()}`)));
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    await Promise.race([waitForPing(socket, readyTimeoutMs), failed]);
  } catch (error) {
    await stop();
    throw error;
  }
  failed.catch(() => undefined);
  return { host: `unix://${socket}`, pid: child.pid, stop };
}

async function waitForPing(socketPath: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const req = request({ socketPath, path: '/_ping', method: 'GET' }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.once('error', () => resolve(false));
      req.end();
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`dockerd not answering on ${socketPath} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
