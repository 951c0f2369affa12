import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ActionContext } from '@eks-kit/action-runtime';
import { ProcessRunner, systemClock } from '@eks-kit/core';
import { buildAndPush, commitTime, createEcrClient, gitContextOf, resolveBuildPush } from '@eks-kit/image-push';
import type { BuildPushSettings } from '@eks-kit/inputs/build-push';
import { LOGOUT_STATE } from './state.js';
import { renderSummary } from './summary.js';

/** The step after its inputs were read: loaded by main.ts only then, as it brings the AWS SDK. */
export async function buildPushStep(context: ActionContext, { raw, names, logout }: BuildPushSettings): Promise<void> {
  const runner = new ProcessRunner();
  const { GITHUB_SHA, GITHUB_REF, GITHUB_REPOSITORY, GITHUB_SERVER_URL, GITHUB_BASE_REF } = context.env;
  const git = gitContextOf({ sha: GITHUB_SHA, ref: GITHUB_REF, repository: GITHUB_REPOSITORY, serverUrl: GITHUB_SERVER_URL, baseRef: GITHUB_BASE_REF });
  const created = await commitTime(runner, context.workspace, context.env, git.sha);
  const workDir = mkdtempSync(path.join(context.env.RUNNER_TEMP || tmpdir(), 'eks-kit-build-push-'));
  try {
    const request = resolveBuildPush(raw, names, { cwd: context.workspace, env: context.env, git: { ...git, ...(created ? { commitTime: created } : {}) }, now: new Date(), workDir });
    const client = createEcrClient(request.region);
    try {
      const result = await buildAndPush(request, {
        session: { client, clock: systemClock, logger: context.logger, stats: { calls: 0, retries: 0 } },
        runner,
        mask: (secret) => context.setSecret(secret),
        env: context.env,
        onLogin: (login) => {
          if (logout) context.saveState(LOGOUT_STATE, JSON.stringify(login));
        },
      });
      context.setOutput('registry', result.registry);
      context.setOutput('repository-uri', result.repositoryUri);
      context.setOutput('image', result.image);
      context.setOutput('digest', result.digest);
      context.setOutput('tags', result.tags.join(','));
      const size = result.layers?.sizeBytes ?? result.sizeBytes;
      if (size !== undefined) context.setOutput('size-bytes', size);
      if (result.layers?.deltaBytes !== undefined) context.setOutput('size-delta-bytes', result.layers.deltaBytes);
      if (result.layers?.previous) context.setOutput('previous-digest', result.layers.previous.digest);
      context.logger.info(`Pushed ${result.image} as ${result.tags.join(', ')} (build ${result.buildMs} ms, push ${result.pushMs} ms, ${result.apiCalls} ECR API calls)`);
      await context.writeSummary(renderSummary(result));
    } finally {
      client.destroy();
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
