import { parse as parseYaml } from 'yaml';
import { ConfigError, configFromSettings, type LintConfig } from './config.js';

/**
 * Parses `.hadolint.yaml` text. Apart from config.ts so that linting without a config file never
 * loads the YAML parser, a large part of the CLI's start-up (callers import this module when a
 * file exists).
 */
export function parseConfig(text: string, source: string): LintConfig {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new ConfigError(source, '(file)', `is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  return configFromSettings(raw, source);
}
