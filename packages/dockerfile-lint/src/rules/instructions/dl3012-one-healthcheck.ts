import { singlePerStage } from './single-per-stage.js';

export const dl3012 = singlePerStage(
  { code: 'DL3012', severity: 'error', category: 'correctness', title: 'Multiple `HEALTHCHECK` instructions in one stage: only the last one takes effect', hadolint: true, buildkit: 'MultipleInstructionsDisallowed' },
  'HEALTHCHECK',
);
