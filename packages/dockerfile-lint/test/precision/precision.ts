import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { lintText } from '../../src/linter.js';
import { severityRank } from '../../src/types.js';

/**
 * The precision corpus: Dockerfiles written in the styles of official images and of Node, Python,
 * Go, Java and Ruby projects, with every finding at warning and above labelled by hand as a true
 * (`tp`) or false (`fp`) positive, keyed `CODE@line`.
 */
const here = path.dirname(new URL(import.meta.url).pathname);
const CORPUS = path.join(here, 'corpus');
const LABELS = path.join(here, 'labels.json');

export type Label = 'tp' | 'fp';

export interface RulePrecision {
  code: string;
  truePositives: number;
  falsePositives: number;
  precision: number;
}

export interface PrecisionReport {
  files: number;
  rules: RulePrecision[];
  /** Findings nobody has judged yet (`file CODE@line`): the labels must be brought up to date. */
  unlabelled: string[];
  /** Labels no finding matches any more: a true positive lost, or a false one fixed. */
  stale: string[];
}

export function measurePrecision(): PrecisionReport {
  const labels = JSON.parse(readFileSync(LABELS, 'utf8')) as Record<string, Record<string, Label>>;
  const counts = new Map<string, { tp: number; fp: number }>();
  const unlabelled: string[] = [];
  const used = new Set<string>();
  const files = readdirSync(CORPUS).filter((f) => f.endsWith('.txt')).sort();
  for (const file of files) {
    const findings = lintText(file, readFileSync(path.join(CORPUS, file), 'utf8')).filter((f) => severityRank(f.severity) <= severityRank('warning'));
    for (const finding of findings) {
      const key = `${finding.code}@${finding.range.startLine}`;
      const label = labels[file]?.[key];
      if (label === undefined) {
        unlabelled.push(`${file} ${key}`);
        continue;
      }
      used.add(`${file} ${key}`);
      const count = counts.get(finding.code) ?? { tp: 0, fp: 0 };
      count[label]++;
      counts.set(finding.code, count);
    }
  }
  const stale = Object.entries(labels).flatMap(([file, keys]) => Object.keys(keys).map((key) => `${file} ${key}`)).filter((entry) => !used.has(entry));
  const rules = [...counts]
    .map(([code, { tp, fp }]) => ({ code, truePositives: tp, falsePositives: fp, precision: tp / (tp + fp) }))
    .sort((a, b) => (a.code < b.code ? -1 : 1));
  return { files: files.length, rules, unlabelled, stale };
}
