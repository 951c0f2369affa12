import * as core from '@actions/core';
import { describeError, PolicyFailure, type Logger } from '@eks-kit/core';
import { actionSource, TableReader, type InputTable } from '@eks-kit/inputs';
import { githubLogger } from './github-logger.js';

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
    getState: (name) => core.getState(name),
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
  try {
    await main(createContext());
  } catch (error) {
    const { message, expected } = describeError(error);
    if (error instanceof PolicyFailure) core.setFailed(`Policy: ${message}`);
    else if (expected) core.setFailed(message);
    else core.setFailed(`Unexpected error (please report it): ${message}`);
  }
}
