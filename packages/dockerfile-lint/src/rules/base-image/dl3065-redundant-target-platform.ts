import { flagValue } from '../../model/copy-paths.js';
import { instructionRule } from '../../rule.js';

export const dl3065 = instructionRule(
  { code: 'DL3065', severity: 'warning', category: 'maintainability', title: '`FROM --platform=$TARGETPLATFORM` is redundant: it is the default', hadolint: true, buildkit: 'RedundantTargetPlatform' },
  (instruction) => {
    if (instruction.keyword !== 'FROM') return;
    const platform = flagValue(instruction, 'platform');
    return platform === '$TARGETPLATFORM' || platform === '${TARGETPLATFORM}';
  },
);
