import * as core from '@actions/core';
import { describeError, KIT_USER_AGENT_ID, PolicyFailure, type Logger } from '@eks-kit/core';
import { actionSource, TableReader, type InputTable } from '@eks-kit/inputs';
import { githubLogger } from './github-logger.js';
import { savedState } from './saved-state.js';

export interface ActionContext {
  /** This action's inputs, read by its table: defaults and limits from there, errors name the input. */
  read<Name extends string>(table: InputTable<Name>): TableReader<Name>;
  logger: Logger;
  /** The checkout the workflow runs in (GITHUB_WORKSPACE), where relative paths start. */
  workspace: string;
  env: NodeJS.ProcessEnv;
  setOutput(name: string, value: string | number | boolean): void;
  /** Masks a value in every later log line; call before anything could print it. */
  setSecret(value: string): void;
  saveState(name: string, value: string): void;
  getState(name: string): string;
  /** Appends Markdown to the job summary. */
  writeSummary(markdown: string): Promise<void>;
  annotate(kind: 'error' | 'warning' | 'notice', message: string, properties: core.AnnotationProperties): void;
}

export function createContext(env: NodeJS.ProcessEnv = process.env): ActionContext {
  return {
    read: (table) => new TableReader(table, actionSource(env)),
    logger: githubLogger,
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    env,
    setOutput: (name, value) => core.setOutput(name, String(value)),
    setSecret: (value) => core.setSecret(value),
    saveState: (name, value) => core.saveState(name, value),
    getState: (name) => savedState(name, env),
    writeSummary: async (markdown) => {
      if (!env.GITHUB_STEP_SUMMARY) return;
      await core.summary.addRaw(markdown, true).write();
    },
    annotate: (kind, message, properties) => {
      if (kind === 'error') core.error(message, properties);
      else if (kind === 'warning') core.warning(message, properties);
      else core.notice(message, properties);
    },
  };
}

/**
 * The one catch of every action: expected errors become one clear failure line, a policy verdict
 * says it is a verdict and not a crash, and only bugs print a stack.
 */
export async function runAction(main: (context: ActionContext) => Promise<void>): Promise<void> {
  // AWS SDK clients (and the AWS CLI, kubectl's plugin) put this in their user agent as app/<id>.
  process.env.AWS_SDK_UA_APP_ID ??= KIT_USER_AGENT_ID;
  try {
    await main(createContext());
  } catch (error) {
    const { message, expected } = describeError(error);
    if (error instanceof PolicyFailure) core.setFailed(`Policy: ${message}`);
    else if (expected) core.setFailed(message);
    else core.setFailed(`Unexpected error (please report it): ${message}`);
  }
}

/**
 * runAction for a step in two parts: its inputs are read (and checked) by the entry, and only then
 * is the module that does the work loaded, so a bad input fails before the AWS SDK or a parser
 * is read from disk.
 */
export async function runActionStep<Settings>(
  readInputs: (context: ActionContext) => Settings,
  loadStep: () => Promise<(context: ActionContext, settings: Settings) => Promise<void>>,
): Promise<void> {
  await runAction(async (context) => {
    const settings = readInputs(context);
    const step = await loadStep();
    await step(context, settings);
  });
}
