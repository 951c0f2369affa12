import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { repoRoot } from '../harness/run-bundle.js';
import { ACTION_NAMES, readAction } from '../harness/action-metadata.js';

/** The lines of a `## <title>` section, up to the next heading of the same level. */
function section(markdown: string, title: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.trim() === `## ${title}`);
  if (start < 0) return [];
  const end = lines.findIndex((line, i) => i > start && /^## /.test(line));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** The names in the first column of a section's table: `name`, or several as `a`, `b`. */
export function tableNames(lines: string[]): string[] {
  return lines
    .filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line))
    .slice(1) // the header row
    .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((match) => match[1] ?? ''));
}

const REQUIRED_SECTIONS = ['Inputs', 'Outputs', 'Permissions', 'Examples', 'Troubleshooting'];

describe.each(ACTION_NAMES)('docs/actions/%s.md', (name) => {
  const page = readFileSync(path.join(repoRoot, 'docs/actions', `${name}.md`), 'utf8');
  const action = readAction(name);

  it('has inputs, outputs, permissions, examples and troubleshooting', () => {
    expect(REQUIRED_SECTIONS.filter((title) => section(page, title).join('').trim() === '')).toEqual([]);
  });

  it("lists exactly the action.yml's inputs", () => {
    expect(tableNames(section(page, 'Inputs')).sort()).toEqual(Object.keys(action.inputs).sort());
  });

  it("lists exactly the action.yml's outputs", () => {
    expect(tableNames(section(page, 'Outputs')).sort()).toEqual(Object.keys(action.outputs).sort());
  });

  it('names the GitHub permissions and, for AWS actions, the IAM actions', () => {
    const permissions = section(page, 'Permissions').join('\n');
    expect(permissions).toMatch(/`(contents|id-token|pull-requests|issues|security-events|deployments): (read|write)`/);
    if (name !== 'lint') expect(permissions).toMatch(/"(ecr|eks):[A-Z]\w+"/);
  });
});

describe('tableNames', () => {
  it('reads single and grouped names and skips the header and rule rows', () => {
    const lines = ['| input | default | meaning |', '| --- | --- | --- |', '| `a` | `x` | one |', '| `b`, `c` | — | two `d` |', 'text `e`'];
    expect(tableNames(lines)).toEqual(['a', 'b', 'c']);
  });
});
