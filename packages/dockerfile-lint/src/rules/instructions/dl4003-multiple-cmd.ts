import { singlePerStage } from './single-per-stage.js';

export const dl4003 = singlePerStage(
  { code: 'DL4003', severity: 'warning', category: 'correctness', title: 'Multiple `CMD` instructions found: only the last one takes effect', hadolint: true, buildkit: 'MultipleInstructionsDisallowed' },
  'CMD',
);
