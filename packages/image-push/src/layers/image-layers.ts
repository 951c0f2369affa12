/** One filesystem layer of an image, with the history entry that made it. */
export interface ImageLayer {
  digest: string;
  /** Compressed size, as the registry stores it and ECR counts it. */
  size: number;
  /** The history entry's `created_by`, as the builder wrote it; absent when the config has no history for it. */
  createdBy?: string;
}

export interface ImageConfigHistory {
  created_by?: string;
  empty_layer?: boolean;
}

interface ManifestLayer {
  digest?: string;
  size?: number;
}

/**
 * Pairs a manifest's layers with the config's history: entries marked `empty_layer` (ENV, LABEL,
 * CMD…) made no layer and are skipped, the others match the layers in order. A history shorter than
 * the layer list (some builders omit it) leaves the remaining layers unlabelled.
 */
export function layersFromHistory(manifestLayers: readonly ManifestLayer[], history: readonly ImageConfigHistory[] | undefined): ImageLayer[] {
  const made = (history ?? []).filter((entry) => entry.empty_layer !== true);
  return manifestLayers.map((layer, index) => {
    const createdBy = made[index]?.created_by?.trim();
    return { digest: layer.digest ?? '', size: layer.size ?? 0, ...(createdBy ? { createdBy } : {}) };
  });
}

export function totalSize(layers: readonly ImageLayer[]): number {
  return layers.reduce((sum, layer) => sum + layer.size, 0);
}
