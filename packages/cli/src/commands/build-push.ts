import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ProcessRunner, systemClock } from '@eks-kit/core';
import {
  buildAndPush,
  commitTime,
  createEcrClient,
  deltaLines,
  formatBytes,
  gitContextFromCheckout,
  gitContextOf,
  resolveBuildPush,
  type BuildPushResult,
  type GitContext,
} from '@eks-kit/image-push';
import { BUILD_PUSH_TABLE, readBuildPushSettings } from '@eks-kit/inputs/build-push';
import type { Command } from '../command.js';
import { readCommandLine } from '../command-line.js';
import { EXIT } from '../exit-codes.js';

export const buildPushCommand: Command = async (argv, io) => {
  const read = readCommandLine(BUILD_PUSH_TABLE, argv, io);
  if (!read) return EXIT.ok;
  const { raw, names, logout, format } = readBuildPushSettings(read);

  const runner = new ProcessRunner();
  // In CI the runner's variables describe the commit; on a laptop, the checkout does.
  const fromEnv = gitContextOf({ sha: io.env.GITHUB_SHA, ref: io.env.GITHUB_REF, repository: io.env.GITHUB_REPOSITORY, serverUrl: io.env.GITHUB_SERVER_URL, baseRef: io.env.GITHUB_BASE_REF });
  const git: GitContext = fromEnv.sha ? fromEnv : await gitContextFromCheckout(runner, io.cwd, io.env);
  const created = await commitTime(runner, io.cwd, io.env, git.sha);
  const workDir = mkdtempSync(path.join(tmpdir(), 'eks-kit-build-push-'));
  let login: { program: 'docker' | 'buildah'; host: string } | undefined;
  try {
    const request = resolveBuildPush(raw, names, { cwd: io.cwd, env: io.env, git: { ...git, ...(created ? { commitTime: created } : {}) }, now: new Date(), workDir });
    const client = createEcrClient(request.region);
    let result: BuildPushResult;
    try {
      result = await buildAndPush(request, {
        session: { client, clock: systemClock, logger: io.logger, stats: { calls: 0, retries: 0 } },
        runner,
        // A terminal has no masking; the password only ever travels on stdin.
        mask: () => undefined,
        env: io.env,
        onLogin: (value) => (login = value),
      });
    } finally {
      client.destroy();
    }
    io.stdout(format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : textReport(result));
    return EXIT.ok;
  } finally {
    if (login && logout) await runner.run(login.program, ['logout', login.host], { env: io.env, allowFailure: true });
    rmSync(workDir, { recursive: true, force: true });
  }
};


function textReport(result: BuildPushResult): string {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const size = result.sizeBytes === undefined ? 'unknown' : `${(result.sizeBytes / 1024 / 1024).toFixed(1)} MiB`;
  return [
    `Pushed ${result.image}`,
    `  tags:   ${result.tags.map((t) => (result.skippedTags.includes(t) ? `${t} (already there)` : t)).join(', ')}`,
    ...(result.notPushedTags.length > 0 ? [`  not pushed: ${result.notPushedTags.join(', ')} (moving tags the repository keeps immutable)`] : []),
    `  size:   ${size} (compressed)`,
    ...layerLines(result),
    `  build:  ${seconds(result.buildMs)}   push: ${seconds(result.pushMs)}   other: ${seconds(Math.max(0, result.totalMs - result.buildMs - result.pushMs))} (${result.apiCalls} ECR API calls)`,
    `  driver: ${result.driver}${result.repositoryCreated ? '   (repository created)' : ''}`,
    '',
  ].join('\n');
}

/** The size change against the previous image, one line per layer that changed. */
function layerLines(result: BuildPushResult): string[] {
  const report = result.layers;
  if (!report) return [];
  if (!report.previous) return [`  layers: ${report.rows.length}; ${report.noPrevious ?? 'no previous image'}`];
  return [`  change: ${formatBytes(report.deltaBytes, true)} against ${report.previous.baseBranch ? "the base branch's" : "the previous"} ${report.previous.tag} (${report.previous.digest})`, ...deltaLines(report).map((line) => `          ${line}`)];
}
