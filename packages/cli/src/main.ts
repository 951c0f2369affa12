#!/usr/bin/env node
import { describeError, InputError, KIT_USER_AGENT_ID, KIT_VERSION, StreamLogger } from '@eks-kit/core';
import { persistCodeCaches } from './code-cache/pending-caches.js';
import { sourceMappedStack } from './code-cache/stack-frames.js';
import type { Command, CliIO } from './command.js';
import { EXIT } from './exit-codes.js';

// Each command is loaded only when it runs, so `eks-kit lint` never loads the AWS SDK.
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  lint: { summary: 'Lint Dockerfiles (hadolint-compatible + cache/layer rules)', load: async () => (await import('./commands/lint.js')).lintCommand },
  'build-push': { summary: 'Build an image and push it to Amazon ECR, tagged from git', load: async () => (await import('./commands/build-push.js')).buildPushCommand },
  'scan-gate': { summary: 'Wait for the ECR image scan and pass or fail it on a severity policy', load: async () => (await import('./commands/scan-gate.js')).scanGateCommand },
  deploy: { summary: 'Apply manifests to EKS, verify the rollout, explain and roll back failures', load: async () => (await import('./commands/deploy.js')).deployCommand },
  'version-drift': { summary: 'EKS clusters vs the support calendar, skew, add-ons, removed APIs', load: async () => (await import('./commands/version-drift.js')).versionDriftCommand },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(16)}${c.summary}`);
  return `Usage: eks-kit <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun "eks-kit <command> --help" for a command's options.\n`;
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '-h' || name === '--help' || name === 'help') {
    io.stdout(usage());
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '-v' || name === '--version') {
    io.stdout(`${KIT_VERSION}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.logger.error(`unknown command "${name}"\n\n${usage()}`);
    return EXIT.usage;
  }
  try {
    const code = await (await command.load())(rest, io);
    // A run that reached a verdict has compiled what the next one will need; help or bad usage has not.
    if ((code === EXIT.ok || code === EXIT.policy) && !rest.some((arg) => arg === '--help' || arg === '-h')) persistCodeCaches();
    return code;
  } catch (error) {
    if (isParseArgsError(error)) {
      io.logger.error(`${(error as Error).message}\nRun "eks-kit ${name} --help" for usage.`);
      return EXIT.usage;
    }
    const { message, expected } = describeError(error);
    io.logger.error(expected ? message : `unexpected error (please report it): ${sourceMappedStack(message)}`);
    return error instanceof InputError ? EXIT.usage : expected ? EXIT.policy : EXIT.internal;
  }
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

// AWS SDK clients (and the AWS CLI, kubectl's plugin) put this in their user agent as app/<id>.
process.env.AWS_SDK_UA_APP_ID ??= KIT_USER_AGENT_ID;

const io: CliIO = {
  stdout: (text) => process.stdout.write(text),
  logger: new StreamLogger((text) => process.stderr.write(text)),
  cwd: process.cwd(),
  env: process.env,
  isTTY: process.stdout.isTTY === true,
};
process.exitCode = await main(process.argv.slice(2), io);
