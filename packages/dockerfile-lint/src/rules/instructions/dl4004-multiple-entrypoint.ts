import { singlePerStage } from './single-per-stage.js';

export const dl4004 = singlePerStage(
  { code: 'DL4004', severity: 'error', category: 'correctness', title: 'Multiple `ENTRYPOINT` instructions found: only the last one takes effect', hadolint: true, buildkit: 'MultipleInstructionsDisallowed' },
  'ENTRYPOINT',
);
