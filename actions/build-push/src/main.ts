import { runActionStep } from '@eks-kit/action-runtime';
import { readBuildPushSettings, BUILD_PUSH_TABLE } from '@eks-kit/inputs/build-push';

await runActionStep(
  (context) => readBuildPushSettings(context.read(BUILD_PUSH_TABLE)),
  async () => (await import('./build-push-step.js')).buildPushStep,
);
