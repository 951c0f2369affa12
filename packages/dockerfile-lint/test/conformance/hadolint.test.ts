import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultConfig } from '../../src/config.js';
import { lintText } from '../../src/linter.js';
import { allRules } from '../../src/rules/index.js';

/**
 * hadolint's own rule tests as data: each case is a Dockerfile fragment and whether the rule
 * reports on it (`finds`) or not (`quiet`), run with every rule on and the default config. Cases
 * that need a non-default hadolint config are not included. hadolint checks fragments without
 * FROM; eks-kit's rules work per stage, so such a fragment gets `FROM debian:12` in front.
 */
interface ConformanceCase {
  id: string;
  rule: string;
  expect: 'finds' | 'quiet';
  dockerfile: string;
}

const cases = JSON.parse(readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), 'hadolint-cases.json'), 'utf8')) as ConformanceCase[];

/** Where eks-kit answers differently on purpose, or has not caught up yet; each must still differ. */
const KNOWN_DIFFERENCES: Record<string, string> = {
  'DL3002-008': 'the last USER of the final stage is not root; eks-kit judges only the stage that ships',
  'DL3009-004': 'apt lists left in a builder stage do not ship; eks-kit reports only stages the image is made of',
  'DL3009-012': 'as DL3009-004',
  'DL3060-023': 'as DL3009-004, for the yarn cache',
  'DL3009-023': 'a cache mount on /var/lib/apt alone: eks-kit takes the mount as covering the lists',
  'DL3009-024': 'as DL3009-023',
  'DL3010-004': 'Windows paths with backslashes are not matched between COPY and tar',
  'DL3010-005': 'as DL3010-004',
  'DL3013-079': 'pipx install is not read as a pip install yet',
  'DL3013-080': 'as DL3013-079',
  'DL3022-005': 'COPY --from=0 before any later stage exists is accepted: the index names the first stage',
  'DL3028-023': 'words after a gem flag are read as gems only before `--`',
  'DL3028-024': 'as DL3028-023',
  'DL3048-007': 'a `$` in a label key is read as a variable, not as an invalid character',
  'DL3048-008': 'as DL3048-007',
  'DL3050-005': 'needs strict-labels and a label schema, which the spec sets outside the case',
  'DL3050-006': 'as DL3050-005',
  'DL3050-007': 'as DL3050-005',
  'DL3050-008': 'as DL3050-005',
};

const config = { ...defaultConfig(), enabled: new Set(allRules.map((r) => r.code)) };

function agrees(c: ConformanceCase): boolean {
  const text = (/^FROM /im.test(c.dockerfile) ? c.dockerfile : `FROM debian:12\n${c.dockerfile}`) + '\n';
  const found = lintText('Dockerfile', text, { config }).some((f) => f.code === c.rule);
  return found === (c.expect === 'finds');
}

describe("conformance with hadolint's rule tests", () => {
  it('covers every rule the cases are about', () => {
    const known = new Set(allRules.map((r) => r.code));
    expect([...new Set(cases.map((c) => c.rule))].filter((code) => !known.has(code))).toEqual([]);
    expect(cases.length).toBeGreaterThan(900);
  });

  it('agrees on every case but the known differences, and each difference is still one', () => {
    const disagreeing = cases.filter((c) => !agrees(c)).map((c) => c.id);
    expect(disagreeing.filter((id) => !(id in KNOWN_DIFFERENCES))).toEqual([]);
    expect(Object.keys(KNOWN_DIFFERENCES).filter((id) => !disagreeing.includes(id))).toEqual([]);
    expect(1 - disagreeing.length / cases.length).toBeGreaterThanOrEqual(0.97);
  });
});
