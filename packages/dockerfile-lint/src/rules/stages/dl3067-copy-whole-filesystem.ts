import { copyPaths } from '../../model/copy-paths.js';
import { instructionRule } from '../../rule.js';
import { copyFrom } from './copy-from.js';

/** Copying `/` from another stage brings its whole OS along, undoing the point of a multi-stage build. */
export const dl3067 = instructionRule(
  { code: 'DL3067', severity: 'warning', category: 'size', title: 'Do not copy an entire filesystem from another stage', hadolint: true },
  (instruction) => {
    if (copyFrom(instruction) === undefined) return;
    const { sources, dest } = copyPaths(instruction);
    return dest === '/' && sources.includes('/');
  },
);
