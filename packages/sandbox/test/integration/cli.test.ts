import { expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'cli.ts');

test('npm run sandbox prints endpoints and exports, answers, and stops cleanly on SIGINT', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--scan-delay-ms', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('Ctrl-C stops everything.')) resolve();
    });
    void exited.then((code) => reject(new Error(`sandbox exited early (${code}): ${stderr}`)));
  });

  const exports = Object.fromEntries([...stdout.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
  expect(Object.keys(exports)).toEqual(
    expect.arrayContaining(['AWS_ENDPOINT_URL_ECR', 'AWS_ENDPOINT_URL_EKS', 'AWS_ENDPOINT_URL_STS', 'GITHUB_API_URL', 'AWS_ACCESS_KEY_ID', 'AWS_REGION']),
  );
  const ping = await fetch(`http://${exports.EKS_KIT_SANDBOX_REGISTRY}/v2/`);
  expect(ping.status).toBe(401); // the real registry, asking for the ECR credentials
  await ping.arrayBuffer();

  child.kill('SIGINT');
  expect(await exited).toBe(0);
  expect(stderr).toContain('SIGINT: stopping the sandbox');
  await expect(fetch(`${exports.AWS_ENDPOINT_URL_ECR}/`)).rejects.toThrow();
  await expect(fetch(`http://${exports.EKS_KIT_SANDBOX_REGISTRY}/v2/`)).rejects.toThrow();
});
