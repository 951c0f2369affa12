import { InputError } from '@eks-kit/core';
import { parseImageMappings, replaceImages } from './manifests/images.js';
import { applyNamespace, duplicates, sortForApply } from './manifests/scope.js';
import { markManaged } from './manifests/tracking.js';
import type { Manifest } from './manifests/types.js';
import { parseRequiredRollout, REQUIRED_ROLLOUT_ANNOTATION } from './verify/required-rollout.js';

export interface PrepareOptions {
  namespace: string;
  /** `name=image` entries. */
  images: readonly string[];
  deployId: string;
  changeCause?: string;
}

/** Everything done to the manifests before they are checked and applied, in one place. */
export function prepareManifests(manifests: readonly Manifest[], options: PrepareOptions): Manifest[] {
  replaceImages(manifests, parseImageMappings(options.images));
  applyNamespace(manifests, options.namespace);
  checkRequiredRollout(manifests);
  const twice = duplicates(manifests);
  if (twice.length > 0) throw new InputError('manifests', `the same object is defined twice: ${twice.join('; ')}`);
  markManaged(manifests, options.deployId, options.changeCause);
  return sortForApply(manifests);
}

/** A misspelt required-rollout would otherwise wait for the full rollout without a word. */
function checkRequiredRollout(manifests: readonly Manifest[]): void {
  for (const m of manifests) {
    const value = m.object.metadata.annotations?.[REQUIRED_ROLLOUT_ANNOTATION];
    if (value === undefined) continue;
    const where = `${m.source.file}:${m.lineOf(['metadata', 'annotations', REQUIRED_ROLLOUT_ANNOTATION])}: ${m.object.kind}/${m.object.metadata.name}`;
    if (m.object.kind !== 'Deployment') throw new InputError('manifests', `${where}: ${REQUIRED_ROLLOUT_ANNOTATION} applies to Deployments only`);
    if (!parseRequiredRollout(value)) throw new InputError('manifests', `${where}: ${REQUIRED_ROLLOUT_ANNOTATION} "${value}" is not full, maxUnavailable, none or a percentage such as 90%`);
  }
}
