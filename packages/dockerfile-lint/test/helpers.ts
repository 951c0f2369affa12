import { defaultConfig, type LintConfig } from '../src/config.js';
import { lintText } from '../src/linter.js';
import type { Finding } from '../src/types.js';

/** Lints lines joined by newlines; returns `code@line` strings, the shape most assertions want. */
export function lint(
  lines: string[],
  options: { config?: Partial<LintConfig>; dockerignore?: string | null; contextHas?: (relativePath: string) => boolean } = {},
): Finding[] {
  return lintText('Dockerfile', lines.join('\n') + '\n', { config: { ...defaultConfig(), ...options.config }, dockerignore: options.dockerignore, contextHas: options.contextHas });
}

export function codesAt(findings: Finding[]): string[] {
  return findings.map((f) => `${f.code}@${f.range.startLine}`);
}

/** The findings of one rule, as `line` numbers. */
export function linesOf(code: string, lines: string[], options?: Parameters<typeof lint>[1]): number[] {
  return lint(lines, options)
    .filter((f) => f.code === code)
    .map((f) => f.range.startLine);
}
