import { InputError } from '@eks-kit/core';
import { parseImageMappings, replaceImages } from './manifests/images.js';
import { applyNamespace, duplicates, sortForApply } from './manifests/scope.js';
import { markManaged } from './manifests/tracking.js';
import type { Manifest } from './manifests/types.js';

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
  const twice = duplicates(manifests);
  if (twice.length > 0) throw new InputError('manifests', `the same object is defined twice: ${twice.join('; ')}`);
  markManaged(manifests, options.deployId, options.changeCause);
  return sortForApply(manifests);
}
