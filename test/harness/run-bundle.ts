import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ACTION_NAMES, readAction } from './action-metadata.js';
import { repoRoot } from './repo-root.js';
import { parseFileCommands, parseWorkflowCommands, type WorkflowCommand } from './workflow-commands.js';

export { repoRoot } from './repo-root.js';

export interface BundleRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** From the GITHUB_OUTPUT file. */
  outputs: Record<string, string>;
  /** From the GITHUB_STATE file, for the post step. */
  state: Record<string, string>;
  /** The job summary Markdown (GITHUB_STEP_SUMMARY). */
  summary: string;
  /** Workflow commands printed on stdout (::error …::, ::add-mask::, ::group:: …). */
  commands: WorkflowCommand[];
  annotations: WorkflowCommand[];
  /** The `::error::` line of a failed step (core.setFailed), if any. */
  failure?: string;
}

export interface BundleOptions {
  /** Action inputs by their action.yml names; turned into INPUT_<NAME> like the runner does. */
  inputs?: Record<string, string>;
  /** The workspace (GITHUB_WORKSPACE) and working directory. */
  workspace: string;
  env?: NodeJS.ProcessEnv;
  /** State saved by the main step, for a post step. */
  state?: Record<string, string>;
  /** Which entry of dist/<action>/ to run: index.js (main) or post.js. */
  entry?: 'index.js' | 'post.js';
  timeoutMs?: number;
  /** The folder holding the bundles; default the committed dist/. */
  dist?: string;
}

/**
 * Runs dist/<action>/<entry> exactly as the Actions runner does: inputs as INPUT_* variables,
 * file commands in GITHUB_OUTPUT / GITHUB_STATE / GITHUB_STEP_SUMMARY, workflow commands on stdout,
 * no stdin, and the defaults declared in action.yml filled in.
 */
export async function runBundle(action: string, options: BundleOptions): Promise<BundleRun> {
  const files = mkdtempSync(path.join(tmpdir(), `eks-kit-${action}-`));
  const output = path.join(files, 'output');
  const stateFile = path.join(files, 'state');
  const summaryFile = path.join(files, 'summary');
  for (const file of [output, stateFile, summaryFile, path.join(files, 'env'), path.join(files, 'path')]) writeFileSync(file, '');

  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    RUNNER_TEMP: files,
    RUNNER_OS: 'Linux',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_OUTPUT: output,
    GITHUB_STATE: stateFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_ENV: path.join(files, 'env'),
    GITHUB_PATH: path.join(files, 'path'),
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_ACTION_REPOSITORY: 'org/eks-kit',
    ...options.env,
  };
  Object.assign(env, runnerInputs(action, options.inputs));
  for (const [name, value] of Object.entries(options.state ?? {})) env[`STATE_${name}`] = value;

  const bundle = path.join(options.dist ?? path.join(repoRoot, 'dist'), action, options.entry ?? 'index.js');
  const { exitCode, stdout, stderr } = await spawnNode(bundle, options.workspace, env, options.timeoutMs ?? 60_000);
  const commands = parseWorkflowCommands(stdout);
  return {
    exitCode,
    stdout,
    stderr,
    outputs: parseFileCommands(readFileSync(output, 'utf8')),
    state: parseFileCommands(readFileSync(stateFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    commands,
    annotations: commands.filter((c) => ['error', 'warning', 'notice'].includes(c.command) && c.properties.file !== undefined),
    failure: commands.find((c) => c.command === 'error' && c.properties.file === undefined)?.message,
  };
}

function spawnNode(script: string, cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ exitCode: code ?? 1, stdout, stderr }));
  });
}

/** The action's inputs as the runner passes them: action.yml's defaults under `inputs`, each as INPUT_<NAME>. */
export function runnerInputs(action: string, inputs: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries({ ...actionDefaults(action), ...inputs }).map(([name, value]) => [`INPUT_${name.replace(/ /g, '_').toUpperCase()}`, value]));
}

/** Input defaults from <action>/action.yml, as the runner applies them (invalid YAML fails the test). */
function actionDefaults(action: string): Record<string, string> {
  if (!ACTION_NAMES.includes(action)) return {};
  const defaults: Record<string, string> = {};
  for (const [name, input] of Object.entries(readAction(action).inputs)) {
    if (input?.default !== undefined) defaults[name] = String(input.default);
  }
  return defaults;
}
