import { flagValue } from '../../model/copy-paths.js';
import { instructionRule } from '../../rule.js';

/**
 * A fixed `--platform` makes the image wrong for half of a mixed Graviton/x86 node group.
 * `$BUILDPLATFORM` (cross-compiling) and `$TARGETPLATFORM` keep the build multi-platform.
 */
export const dl3029 = instructionRule(
  { code: 'DL3029', severity: 'warning', category: 'correctness', title: 'Do not use --platform with FROM unless it is $BUILDPLATFORM or $TARGETPLATFORM', hadolint: true },
  (instruction) => {
    if (instruction.keyword !== 'FROM') return;
    const platform = flagValue(instruction, 'platform');
    return platform !== undefined && !/BUILDPLATFORM|TARGETPLATFORM/.test(platform);
  },
);
