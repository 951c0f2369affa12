import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '../../../src/index.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

// CLI v1 prints wire timestamps raw (epoch seconds) unless told to print ISO 8601 like v2 does.
const configDir = mkdtempSync(join(tmpdir(), 'eks-kit-aws-cli-'));
const configFile = join(configDir, 'config');
writeFileSync(configFile, '[default]\ncli_timestamp_format = iso8601\n');
process.once('exit', () => rmSync(configDir, { recursive: true, force: true }));

/** Runs the real AWS CLI with the sandbox's fake credentials and no config files of the user's. */
export function aws(sandbox: Sandbox, args: string[], extraEnv: Record<string, string> = {}): Promise<CliResult> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    AWS_CONFIG_FILE: configFile,
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_ACCESS_KEY_ID: sandbox.credentials.user.accessKeyId,
    AWS_SECRET_ACCESS_KEY: sandbox.credentials.user.secretAccessKey,
    AWS_REGION: sandbox.region,
    AWS_DEFAULT_REGION: sandbox.region,
    AWS_MAX_ATTEMPTS: '1',
    AWS_PAGER: '',
    ...extraEnv,
  };
  return new Promise((resolve, reject) => {
    execFile('aws', [...args, '--output', 'json'], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') {
        reject(new Error(`cannot run the AWS CLI (aws): ${error.message}`));
        return;
      }
      resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
    });
  });
}

export async function awsJson(sandbox: Sandbox, args: string[], extraEnv: Record<string, string> = {}): Promise<unknown> {
  const result = await aws(sandbox, args, extraEnv);
  if (result.code !== 0) throw new Error(`aws ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return normalize(JSON.parse(result.stdout));
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** SDK output and CLI output in one comparable shape: dates as ISO strings, no SDK metadata. */
export function normalize(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' && ISO_DATE.test(value)) return new Date(value).toISOString();
  if (Array.isArray(value)) return value.map(normalize);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key, v]) => key !== '$metadata' && v !== undefined)
        .map(([key, v]) => [key, normalize(v)]),
    );
  }
  return value;
}
