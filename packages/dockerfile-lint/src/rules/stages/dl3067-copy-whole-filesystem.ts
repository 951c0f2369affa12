import { stageNamed } from '../../model/stages.js';
import { splitImage } from '../../model/build-model.js';
import { copyPaths } from '../../model/copy-paths.js';
import type { DockerfileModel } from '../../model/dockerfile.js';
import { instructionRule } from '../../rule.js';
import { copyFrom } from './copy-from.js';

// Images built FROM scratch to hold only helper files, documented to be copied whole (`COPY --from=xx / /`).
const FILE_BUNDLE_IMAGES = new Set(['tonistiigi/xx']);

function isFileBundleImage(reference: string): boolean {
  return FILE_BUNDLE_IMAGES.has(splitImage(reference).name.replace(/^library\//, ''));
}

/**
 * Whether `/` of the `--from` source is an operating system: not for a stage built FROM scratch
 * (it holds only what it copied in) or a helper-files image such as tonistiigi/xx.
 */
function holdsOperatingSystem(model: DockerfileModel, from: string): boolean {
  const stage = stageNamed(model, from);
  if (!stage) return !isFileBundleImage(from);
  if (stage.base.isScratch) return false;
  return !isFileBundleImage(stage.base.resolved);
}

/** Copying `/` from another stage brings its whole OS along, undoing the point of a multi-stage build. */
export const dl3067 = instructionRule(
  { code: 'DL3067', severity: 'warning', category: 'size', title: 'Do not copy an entire filesystem from another stage', hadolint: true },
  (instruction, { model }) => {
    const from = copyFrom(instruction);
    if (from === undefined) return;
    const { sources, dest } = copyPaths(instruction);
    return dest === '/' && sources.includes('/') && holdsOperatingSystem(model, from);
  },
);
