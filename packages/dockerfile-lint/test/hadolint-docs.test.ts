import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultConfig } from '../src/config.js';
import { parseConfig } from '../src/config-file.js';
import { lintText } from '../src/linter.js';
import { hadolintRules } from '../src/rules/hadolint.js';

const page = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../../docs/rules/hadolint.md'), 'utf8');

/** The text of `## CODE` up to the next `## ` heading. */
function section(code: string): string | undefined {
  const start = page.indexOf(`\n## ${code}\n`);
  if (start === -1) return undefined;
  const end = page.indexOf('\n## ', start + 1);
  return page.slice(start, end === -1 ? undefined : end);
}

function block(text: string, label: 'Bad' | 'Good'): string | undefined {
  return new RegExp(`${label}:\\n\\n\`\`\`dockerfile\\n([\\s\\S]*?)\\n\`\`\``).exec(text)?.[1];
}

function codesFound(dockerfile: string, yaml: string | undefined): string[] {
  const config = yaml === undefined ? defaultConfig() : parseConfig(yaml, 'docs example');
  return lintText('Dockerfile', `${dockerfile}\n`, { config }).map((f) => f.code);
}

describe('docs/rules/hadolint.md', () => {
  it('covers a plausible number of rules', () => {
    expect(hadolintRules.length).toBeGreaterThan(60);
  });

  it.each(hadolintRules.map((r) => [r.code, r] as const))('%s has a table row with its severity', (code, rule) => {
    const row = page.split('\n').find((line) => line.startsWith(`| [${code}](#${code.toLowerCase()}) |`));
    expect(row).toBeDefined();
    expect(row).toContain(rule.offByDefault ? '| covered, off by default |' : '| covered |');
    expect(row).toContain(`| ${rule.severity} |`);
  });

  it.each(hadolintRules.map((r) => r.code))('%s has a section whose Bad example it reports and whose Good example it accepts', (code) => {
    const text = section(code);
    expect(text).toBeDefined();
    const yaml = /```yaml\n([\s\S]*?)\n```/.exec(text ?? '')?.[1];
    const bad = block(text ?? '', 'Bad');
    const good = block(text ?? '', 'Good');
    expect(bad).toBeDefined();
    expect(good).toBeDefined();
    expect(codesFound(bad ?? '', yaml)).toContain(code);
    expect(codesFound(good ?? '', yaml)).not.toContain(code);
  });

  it('lists as not covered only codes that have no rule', () => {
    const notCovered = page
      .split('\n')
      .map((line) => /^\| (DL\d{4}) \| not covered \|/.exec(line)?.[1])
      .filter((code): code is string => code !== undefined);
    expect(notCovered.length).toBeGreaterThan(0);
    for (const code of notCovered) expect(hadolintRules.some((r) => r.code === code)).toBe(false);
  });

  it('has a row for every DL code from DL3000 to the highest covered one', () => {
    const highest = Math.max(...hadolintRules.filter((r) => r.code.startsWith('DL3')).map((r) => Number(r.code.slice(2))));
    for (let n = 3000; n <= highest; n++) expect(page).toMatch(new RegExp(`^\\| \\[?DL${n}\\b`, 'm'));
  });
});
