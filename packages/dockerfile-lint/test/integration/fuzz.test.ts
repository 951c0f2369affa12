import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { formatSarif } from '../../src/formatters/sarif.js';
import { INTERNAL_ERROR, lintText } from '../../src/linter.js';
import { allRules } from '../../src/rules/index.js';
import { SEVERITIES, type Finding } from '../../src/types.js';
import { generateDockerfile, mutate, seededRandom } from '../support/dockerfile-generator.js';

/** Every finding must be well-formed and no rule may have thrown (EK0002 marks a caught throw). */
function checkFindings(text: string, findings: Finding[]): void {
  const lineCount = text.split(/\r?\n/).length;
  for (const f of findings) {
    expect(f.code).not.toBe(INTERNAL_ERROR);
    expect(SEVERITIES).toContain(f.severity);
    expect(f.message.length).toBeGreaterThan(0);
    expect(f.range.startLine).toBeGreaterThanOrEqual(1);
    expect(f.range.endLine).toBeGreaterThanOrEqual(f.range.startLine);
    expect(f.range.startLine).toBeLessThanOrEqual(lineCount);
    expect(f.range.startColumn).toBeGreaterThanOrEqual(1);
  }
  // The SARIF writer must cope with whatever the rules produced.
  expect(() => JSON.parse(formatSarif(findings, { rules: allRules, version: 'test', helpBaseUri: 'https://example.com/' }))).not.toThrow();
}

function lintAndCheck(text: string): void {
  let findings: Finding[] = [];
  expect(() => {
    findings = lintText('Dockerfile', text);
  }).not.toThrow();
  checkFindings(text, findings);
}

describe('property: the linter never throws and always returns well-formed findings', () => {
  it('on 2,000 generated Dockerfiles', () => {
    fc.assert(
      fc.property(fc.integer(), fc.double({ min: 0.2, max: 4, noNaN: true }), (seed, size) => {
        lintAndCheck(generateDockerfile(seededRandom(seed), size));
      }),
      { numRuns: 2000 },
    );
  });

  it('on 2,000 mutated Dockerfiles (cut, doubled, reversed, stray quotes and backslashes)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer(), (seed, mutation) => {
        const text = generateDockerfile(seededRandom(seed));
        lintAndCheck(mutate(seededRandom(mutation), text));
      }),
      { numRuns: 2000 },
    );
  });

  it('on 1,000 files of random instruction-shaped lines', () => {
    const keyword = fc.constantFrom('FROM', 'RUN', 'COPY', 'ADD', 'ENV', 'ARG', 'LABEL', 'USER', 'WORKDIR', 'EXPOSE', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK', 'SHELL', 'ONBUILD', 'VOLUME', 'STOPSIGNAL', 'MAINTAINER', '#', 'from', 'BOGUS');
    const line = fc.tuple(keyword, fc.string({ maxLength: 60 })).map(([k, rest]) => `${k} ${rest}`);
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        lintAndCheck(lines.join(fc.sample(fc.constantFrom('\n', '\r\n', ' \\\n'), 1)[0] ?? '\n'));
      }),
      { numRuns: 1000 },
    );
  });

  it('on 1,000 arbitrary unicode strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        lintAndCheck(text);
      }),
      { numRuns: 1000 },
    );
  });
});
