import { runActionStep } from '@eks-kit/action-runtime';
import { readVersionDriftSettings, VERSION_DRIFT_TABLE } from '@eks-kit/inputs/version-drift';

await runActionStep(
  (context) => readVersionDriftSettings(context.read(VERSION_DRIFT_TABLE), context.env),
  async () => (await import('./version-drift-step.js')).versionDriftStep,
);
