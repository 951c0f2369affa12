import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { htpasswdLine } from './htpasswd.js';
import { freeLoopbackPort } from './ports.js';

export interface RegistryProcessOptions {
  /** Working directory for config, htpasswd and image storage. */
  dir: string;
  username: string;
  password: string;
  /** Program to run; `docker-registry` is the Debian name of distribution's registry. */
  command?: string;
  readyTimeoutMs?: number;
}

export interface RegistryProcess {
  /** `http://127.0.0.1:PORT` of the registry itself (clients should use the front proxy). */
  url: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

/** Starts the real registry (github.com/distribution) with htpasswd auth on a free loopback port. */
export async function startRegistryProcess(options: RegistryProcessOptions): Promise<RegistryProcess> {
  const storage = join(options.dir, 'storage');
  await mkdir(storage, { recursive: true });
  const htpasswdPath = join(options.dir, 'htpasswd');
  await writeFile(htpasswdPath, htpasswdLine(options.username, options.password), { mode: 0o600 });
  const port = await freeLoopbackPort();
  const configPath = join(options.dir, 'config.yml');
  await writeFile(configPath, stringify(registryConfig(port, storage, htpasswdPath)));

  const command = options.command ?? 'docker-registry';
  const child = spawn(command, ['serve', configPath], { stdio: ['ignore', 'ignore', 'pipe'] });
  const stderr = collectTail(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (error) =>
      reject(new Error(`cannot run ${command}: ${error.message} (install the Debian package docker-registry)`)),
    ),
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    await Promise.race([
      waitUntilServing(url, options.readyTimeoutMs ?? 10_000),
      spawnError,
      exited.then((code) => {
        throw new Error(`${command} exited with ${code} before serving: ${stderr()}`);
      }),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid: child.pid, stop };
}

function registryConfig(port: number, storage: string, htpasswdPath: string) {
  return {
    version: 0.1,
    log: { level: 'error', accesslog: { disabled: true } },
    storage: { filesystem: { rootdirectory: storage }, delete: { enabled: true } },
    http: {
      addr: `127.0.0.1:${port}`,
      // Relative Location headers keep upload URLs pointing at whichever front end the client used.
      relativeurls: true,
      secret: randomBytes(16).toString('hex'),
    },
    auth: { htpasswd: { realm: 'eks-kit-sandbox', path: htpasswdPath } },
  };
}

/** The API base answers 401 once the registry listens with auth on. */
async function waitUntilServing(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(`${url}/v2/`);
      await response.arrayBuffer();
      if (response.status === 401 || response.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`registry at ${url} not ready after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function collectTail(child: ChildProcess): () => string {
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
  });
  return () => tail.trim();
}
