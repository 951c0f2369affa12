import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintText } from '../src/linter.js';
import { allRules } from '../src/rules/index.js';

const docs = join(dirname(fileURLToPath(import.meta.url)), '../../../docs/rules');
// EK0001 and EK0002 come from the engine, not from a rule object.
const codes = ['EK0001', 'EK0002', ...allRules.filter((rule) => rule.code.startsWith('EK')).map((rule) => rule.code)];
const page = (code: string): string => readFileSync(join(docs, `${code}.md`), 'utf8');

/** The Dockerfile of a `## Bad` or `## Good` example, and the .dockerignore the example shows or says is missing. */
function example(code: string, heading: 'Bad' | 'Good'): { dockerfile: string; dockerignore: string | null | undefined } {
  const match = new RegExp(`## ${heading}\\n\\n\`\`\`dockerfile\\n([\\s\\S]*?)\\n\`\`\``).exec(page(code));
  const block = match?.[1] ?? '';
  if (block.startsWith('# no .dockerignore')) return { dockerfile: block, dockerignore: null };
  const split = /^# \.dockerignore\n([\s\S]*?)\n# Dockerfile\n([\s\S]*)$/.exec(block);
  if (split) return { dockerfile: split[2] ?? '', dockerignore: split[1] ?? '' };
  return { dockerfile: block, dockerignore: undefined };
}

describe('EK rule documentation', () => {
  it('has found the EK rules', () => {
    expect(codes.length).toBeGreaterThan(10);
  });
  it.each(codes)('%s has a page with what, why, a bad and a good example, and how to ignore it', (code) => {
    expect(existsSync(join(docs, `${code}.md`))).toBe(true);
    const text = page(code);
    expect(text.startsWith(`# ${code}: `)).toBe(true);
    for (const heading of ['## What it finds', '## Why it matters', '## Bad', '## Good', '## Ignoring it']) expect(text).toContain(heading);
    const rule = allRules.find((r) => r.code === code);
    if (rule) expect(text).toContain(`Severity: **${rule.severity}** · Category: **${rule.category}**`);
  });
  it.each(codes)('%s has a row in the index', (code) => {
    expect(readFileSync(join(docs, 'README.md'), 'utf8')).toContain(`| [${code}](${code}.md) |`);
  });
  it('the index links the hadolint rules page', () => {
    expect(readFileSync(join(docs, 'README.md'), 'utf8')).toContain('(hadolint.md)');
  });
  it.each(codes.filter((code) => code !== 'EK0001' && code !== 'EK0002'))('%s: the bad example is reported and the good one is not', (code) => {
    const bad = example(code, 'Bad');
    const good = example(code, 'Good');
    const codesIn = ({ dockerfile, dockerignore }: ReturnType<typeof example>): string[] =>
      lintText('Dockerfile', `${dockerfile}\n`, { dockerignore }).map((f) => f.code);
    expect(codesIn(bad)).toContain(code);
    expect(codesIn(good)).not.toContain(code);
  });
});
