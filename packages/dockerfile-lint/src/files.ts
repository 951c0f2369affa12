import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '@eks-kit/core';
import { glob, isDynamicPattern } from 'tinyglobby';
import { defaultConfig, type LintConfig } from './config.js';
import { lintTextWithShell } from './linter.js';
import type { ShellcheckTool } from './shellcheck/check.js';
import type { Finding } from './types.js';

/** What "every Dockerfile in the repo" means when no paths are given: the names Docker and Podman look for. */
export const DEFAULT_PATTERNS = ['**/Dockerfile', '**/Dockerfile.*', '**/*.Dockerfile', '**/*.dockerfile', '**/Containerfile', '**/Containerfile.*'];
const ALWAYS_SKIPPED = ['**/node_modules/**', '**/.git/**', '**/dist/**'];
// `Dockerfile.md` is a page about a Dockerfile, `Dockerfile.dockerignore` its ignore file: never linted by discovery.
const NOT_DOCKERFILES = /\.(dockerignore|md|markdown|mdx|rst|txt|adoc|asciidoc|html?|pdf|orig|rej|swp|bak)$/i;

/** Whether discovery takes a file name for a Dockerfile (a path named explicitly is always linted). */
export function isDockerfileName(name: string): boolean {
  const base = name.replace(/^.*[\\/]/, '');
  if (NOT_DOCKERFILES.test(base)) return false;
  return /^(Dockerfile|Containerfile)(\..+)?$/.test(base) || /.\.(Dockerfile|dockerfile)$/.test(base);
}

async function discover(cwd: string): Promise<string[]> {
  const found = await glob(DEFAULT_PATTERNS, { cwd, ignore: ALWAYS_SKIPPED, dot: false });
  return found.filter(isDockerfileName).sort();
}

/**
 * Resolves paths and globs to Dockerfiles, relative to `cwd`. A named file that does not exist,
 * or a pattern that matches nothing, is an input error naming `inputName`: a typo must not pass
 * as "no findings".
 */
export async function findDockerfiles(patterns: readonly string[], cwd: string, inputName = 'dockerfiles'): Promise<string[]> {
  if (patterns.length === 0) {
    return discover(cwd);
  }
  const files = new Set<string>();
  for (const pattern of patterns) {
    if (isDynamicPattern(pattern)) {
      const matched = await glob([pattern], { cwd, ignore: ALWAYS_SKIPPED });
      if (matched.length === 0) throw new InputError(inputName, `"${pattern}" matched no file (relative to ${cwd === process.cwd() ? 'the working directory' : cwd})`);
      matched.filter((f) => !f.endsWith('.dockerignore')).forEach((f) => files.add(f));
      continue;
    }
    const absolute = path.resolve(cwd, pattern);
    if (!existsSync(absolute)) throw new InputError(inputName, `"${pattern}" does not exist`);
    if (statSync(absolute).isDirectory()) {
      const inside = await discover(absolute);
      if (inside.length === 0) throw new InputError(inputName, `the directory "${pattern}" holds no Dockerfile`);
      inside.forEach((f) => files.add(path.relative(cwd, path.join(absolute, f))));
      continue;
    }
    files.add(path.relative(cwd, absolute));
  }
  return [...files].sort();
}

/**
 * The .dockerignore BuildKit would use: `<Dockerfile>.dockerignore` beside the Dockerfile first,
 * then `.dockerignore` at the root of the context (by default the Dockerfile's directory).
 */
export function dockerignoreFor(dockerfile: string, context?: string): string | null {
  const candidates = [`${dockerfile}.dockerignore`, path.join(context ?? path.dirname(dockerfile), '.dockerignore')];
  for (const candidate of candidates) {
    if (existsSync(candidate)) return readFileSync(candidate, 'utf8');
  }
  return null;
}

/** An explicit config file must exist; otherwise `.hadolint.yaml`/`.hadolint.yml` in `cwd` if present. */
export async function loadConfig(configPath: string | undefined, cwd: string, inputName = 'config'): Promise<{ config: LintConfig; source?: string }> {
  if (configPath) {
    const absolute = path.resolve(cwd, configPath);
    if (!existsSync(absolute)) throw new InputError(inputName, `"${configPath}" does not exist`);
    return { config: await readConfigFile(absolute, configPath), source: configPath };
  }
  for (const name of ['.hadolint.yaml', '.hadolint.yml']) {
    const candidate = path.join(cwd, name);
    if (existsSync(candidate)) return { config: await readConfigFile(candidate, name), source: name };
  }
  return { config: defaultConfig() };
}

async function readConfigFile(absolute: string, source: string): Promise<LintConfig> {
  // Loaded only here: most runs have no config file and need no YAML parser.
  const { parseConfig } = await import('./config-file.js');
  return parseConfig(readFileSync(absolute, 'utf8'), source);
}

export interface LintFilesResult {
  files: string[];
  findings: Finding[];
}

export interface LintFilesOptions {
  cwd: string;
  config: LintConfig;
  context?: string;
  /** ShellCheck for the RUN scripts, once its presence is known; omit to lint without it. */
  shellcheck?: ShellcheckTool;
  /** Off: no fingerprints (LintOptions.fingerprints). */
  fingerprints?: boolean;
}

/** Reads and lints files (paths relative to `cwd`, reported as given), one ShellCheck run per file when given. */
export async function lintFiles(files: readonly string[], options: LintFilesOptions): Promise<LintFilesResult> {
  const findings: Finding[] = [];
  for (const file of files) {
    const absolute = path.resolve(options.cwd, file);
    let text: string;
    try {
      text = readFileSync(absolute, 'utf8');
    } catch (error) {
      throw new InputError(file, `cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    const context = options.context ? path.resolve(options.cwd, options.context) : undefined;
    const contextRoot = context ?? path.dirname(absolute);
    findings.push(
      ...(await lintTextWithShell(file, text, {
        config: options.config,
        dockerignore: dockerignoreFor(absolute, context),
        contextHas: (relative) => existsSync(path.join(contextRoot, relative)),
        shellcheck: options.shellcheck,
        fingerprints: options.fingerprints,
      })),
    );
  }
  return { files: [...files], findings };
}
