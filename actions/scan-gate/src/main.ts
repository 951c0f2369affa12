import { runActionStep } from '@eks-kit/action-runtime';
import { readScanGateSettings, SCAN_GATE_TABLE } from '@eks-kit/inputs/scan-gate';

await runActionStep(
  (context) => readScanGateSettings(context.read(SCAN_GATE_TABLE), context.workspace, context.env),
  async () => (await import('./scan-gate-step.js')).scanGateStep,
);
