import type { Rule } from '../../rule.js';

export const ek0004: Rule = {
  code: 'EK0004',
  severity: 'error',
  category: 'correctness',
  title: 'The Dockerfile has no FROM instruction, so there is nothing to build',
  check({ model, report }) {
    if (model.stages.length > 0) return;
    const first = model.instructions[0];
    if (!first) {
      report({ startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 }, 'The Dockerfile has no instructions: add a `FROM` line naming the base image.');
      return;
    }
    report(first, 'The Dockerfile has no `FROM` instruction, so there is no build stage: start it with `FROM <image>`.');
  },
};
