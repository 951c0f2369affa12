import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { InputError } from '@eks-kit/core';
import { allRules, formatGithub, formatJson, formatSarif, formatText, parseThreshold, runLint, type FailureThreshold } from '@eks-kit/dockerfile-lint';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';

export const LINT_HELP = `Usage: eks-kit lint [options] [dockerfiles…]

Lints Dockerfiles (paths, directories or globs; default: every Dockerfile under the current
directory) with hadolint-compatible rules and eks-kit's cache, layer and size rules.

Options:
  -c, --config <file>             .hadolint.yaml-style config (default: ./.hadolint.yaml if present)
  -t, --failure-threshold <sev>   error | warning | info | style | none (default: config's, else info)
  -f, --format <format>           text | json | sarif | github (default: text)
  -o, --output <file>             write the report to a file instead of stdout
      --context <dir>             build context, when not the Dockerfile's directory (.dockerignore)
      --no-color                  plain text even in a terminal
  -h, --help                      this help

Exit codes: 0 nothing at or above the threshold, 1 findings at or above it,
2 bad usage or input, 3 unexpected error.
`;

const FORMATS = ['text', 'json', 'sarif', 'github'];
const DOCS = 'https://github.com/org/eks-kit/blob/v1/docs/rules/';

export const lintCommand: Command = async (argv, io) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string', short: 'c' },
      'failure-threshold': { type: 'string', short: 't' },
      format: { type: 'string', short: 'f', default: 'text' },
      output: { type: 'string', short: 'o' },
      context: { type: 'string' },
      'no-color': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(LINT_HELP);
    return EXIT.ok;
  }
  const format = values.format ?? 'text';
  if (!FORMATS.includes(format)) throw new InputError('--format', `"${format}" is not a format; expected one of ${FORMATS.join(', ')}`);
  const threshold = values['failure-threshold'] === undefined ? undefined : flagThreshold(values['failure-threshold']);

  const result = await runLint({
    patterns: positionals,
    cwd: io.cwd,
    configPath: values.config,
    threshold,
    context: values.context,
    inputNames: { patterns: 'dockerfiles', config: '--config' },
  });

  const color = io.isTTY && !values['no-color'] && !values.output && !io.env.NO_COLOR;
  const summaryLine = (): string => formatText(result.findings, { filesChecked: result.files.length }).trimEnd().split('\n').pop() ?? '';
  const report =
    format === 'json'
      ? formatJson(result.findings)
      : format === 'sarif'
        ? formatSarif(result.findings, { rules: allRules, version: '1.0.0', helpBaseUri: DOCS })
        : format === 'github'
          ? formatGithub(result.findings)
          : formatText(result.findings, { color, filesChecked: result.files.length });
  if (values.output) {
    writeFileSync(path.resolve(io.cwd, values.output), report);
    io.logger.info(`${summaryLine()} Report written to ${values.output}.`);
  } else {
    io.stdout(report);
  }
  return result.failed ? EXIT.policy : EXIT.ok;
};

function flagThreshold(value: string): FailureThreshold {
  try {
    return parseThreshold(value, '--failure-threshold');
  } catch {
    throw new InputError('--failure-threshold', `"${value}" is not a threshold; expected one of error, warning, info, style, none`);
  }
}
