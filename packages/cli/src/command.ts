import type { Logger } from '@eks-kit/core';

export interface CliIO {
  stdout: (text: string) => void;
  logger: Logger;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Whether stdout is a terminal (colours, human format by default). */
  isTTY: boolean;
}

/** A sub-command: parses its own argv and returns an exit code. */
export type Command = (argv: string[], io: CliIO) => Promise<number>;
