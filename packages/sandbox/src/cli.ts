/**
 * `npm run sandbox [-- --kube] [--docker] [--scenario NAME|PATH] [--region R] [--scan-delay-ms N]`:
 * starts the sandbox, prints its endpoints and the variables to export, and stops on Ctrl-C.
 */
import { parseArgs } from 'node:util';
import { startSandbox } from './sandbox.js';
import type { Sandbox, SandboxOptions } from './sandbox.js';

const USAGE = `usage: npm run sandbox -- [--scenario NAME|PATH] [--kube] [--docker] [--region REGION] [--scan-delay-ms N]`;

function options(): SandboxOptions {
  const { values } = parseArgs({
    options: {
      scenario: { type: 'string' },
      kube: { type: 'boolean', default: false },
      docker: { type: 'boolean', default: false },
      region: { type: 'string' },
      'scan-delay-ms': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const delay = values['scan-delay-ms'];
  if (delay !== undefined && !/^\d+$/.test(delay)) throw new Error(`--scan-delay-ms must be a whole number of milliseconds, got ${delay}`);
  return {
    ...(values.scenario ? { scenario: values.scenario } : {}),
    ...(values.region ? { region: values.region } : {}),
    ...(delay !== undefined ? { scanDelayMs: Number(delay) } : {}),
    kubeApi: values.kube,
    docker: values.docker,
  };
}

function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

function describe(sandbox: Sandbox, startMs: number): string {
  const rows: [string, string][] = [
    ['ECR API', sandbox.endpoints.ecr],
    ['EKS API', sandbox.endpoints.eks],
    ['STS API', sandbox.endpoints.sts],
    ['GitHub API', sandbox.endpoints.github],
    ['registry', `${sandbox.endpoints.registry} (user AWS; password: aws ecr get-login-password)`],
    ...(sandbox.endpoints.kube ? ([['Kubernetes API', sandbox.endpoints.kube]] as [string, string][]) : []),
    ...(sandbox.docker ? ([['dockerd', sandbox.docker.host]] as [string, string][]) : []),
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  return [
    `eks-kit sandbox ready in ${startMs.toFixed(0)} ms`,
    ...rows.map(([name, value]) => `  ${name.padEnd(width)}  ${value}`),
    '',
    '# in another shell:',
    ...Object.entries(sandbox.env).map(([key, value]) => `export ${key}=${shellQuote(value)}`),
    '',
    'Ctrl-C stops everything.',
  ].join('\n');
}

async function main(): Promise<void> {
  const started = performance.now();
  const sandbox = await startSandbox(options());
  console.log(describe(sandbox, performance.now() - started));
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`\n${signal}: stopping the sandbox…`);
    sandbox.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`sandbox: ${error instanceof Error ? error.message : String(error)}`);
  console.error(USAGE);
  process.exit(1);
});
