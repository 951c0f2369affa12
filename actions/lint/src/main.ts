import { runActionStep } from '@eks-kit/action-runtime';
import { readLintSettings, LINT_TABLE } from '@eks-kit/inputs/lint';

await runActionStep(
  (context) => readLintSettings(context.read(LINT_TABLE)),
  async () => (await import('./lint-step.js')).lintStep,
);
