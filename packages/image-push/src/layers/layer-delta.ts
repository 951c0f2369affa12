import { layerSteps, parseCreatedBy, stepsForLayers, type LayerStep } from './dockerfile-steps.js';
import { totalSize, type ImageLayer } from './image-layers.js';
import type { ImageLayers } from './registry-reader.js';

export type LayerChange = 'same' | 'changed' | 'new' | 'first';

export interface LayerRow {
  layer: ImageLayer;
  /** The Dockerfile instruction that made it, when it could be found. */
  step?: LayerStep;
  /** `Dockerfile:12 (RUN apt-get install …)`, or what the history says for a base image layer. */
  label: string;
  change: LayerChange;
  /** Bytes this layer adds against the previous image (0 for a layer it already had). */
  deltaBytes: number;
}

export interface LayerReport {
  digest: string;
  platform?: string;
  rows: LayerRow[];
  sizeBytes: number;
  /** The image the moving tag (or a pull request's base branch) named before this push; absent on a first push. */
  previous?: { tag: string; digest: string; sizeBytes: number; baseBranch?: true };
  /** Why nothing is compared, when there is no previous image. */
  noPrevious?: string;
  /** Layers the previous image had and this one has not. */
  removed: { label: string; size: number }[];
  deltaBytes?: number;
}

export interface Previous {
  tag: string;
  image: ImageLayers;
  /** `moving`: the tag this push moves named it; `base-branch`: a pull request's base branch does. */
  source?: 'moving' | 'base-branch';
}

/**
 * Labels this image's layers with the Dockerfile's instructions and compares them with the
 * previous image: a layer with the same digest is unchanged, one from the same instruction with
 * another digest changed (by its size difference), the others new; the previous image's layers left
 * over were removed.
 */
export function layerReport(image: ImageLayers, dockerfile: { name: string; text?: string; target?: string }, previous: Previous | { none: string }): LayerReport {
  const steps = dockerfile.text === undefined ? [] : layerSteps(dockerfile.text, dockerfile.target);
  const labels = labelsFor(image.layers, steps, dockerfile.name);
  const sizeBytes = totalSize(image.layers);
  const base = { digest: image.digest, ...(image.platform ? { platform: image.platform } : {}), sizeBytes };
  if ('none' in previous) {
    return { ...base, rows: image.layers.map((layer, i) => ({ layer, ...labels[i]!, change: 'first', deltaBytes: layer.size })), noPrevious: previous.none, removed: [] };
  }
  const before = previous.image.layers;
  const used = new Set<number>();
  const rows = image.layers.map((layer, i): LayerRow => {
    const same = before.findIndex((b, k) => !used.has(k) && b.digest === layer.digest);
    if (same !== -1) {
      used.add(same);
      return { layer, ...labels[i]!, change: 'same', deltaBytes: 0 };
    }
    const key = historyKey(layer);
    const changed = key ? before.findIndex((b, k) => !used.has(k) && historyKey(b) === key) : -1;
    if (changed !== -1) {
      used.add(changed);
      return { layer, ...labels[i]!, change: 'changed', deltaBytes: layer.size - before[changed]!.size };
    }
    return { layer, ...labels[i]!, change: 'new', deltaBytes: layer.size };
  });
  const previousLabels = labelsFor(before, steps, dockerfile.name);
  const removed = before.flatMap((b, k) => (used.has(k) ? [] : [{ label: previousLabels[k]!.label, size: b.size }]));
  const previousSize = totalSize(before);
  return { ...base, rows, previous: { tag: previous.tag, digest: previous.image.digest, sizeBytes: previousSize, ...(previous.source === 'base-branch' ? { baseBranch: true as const } : {}) }, removed, deltaBytes: sizeBytes - previousSize };
}

function historyKey(layer: ImageLayer): string | undefined {
  if (!layer.createdBy) return undefined;
  const step = parseCreatedBy(layer.createdBy);
  return `${step.keyword} ${step.dest ?? step.text}`;
}

function labelsFor(layers: readonly ImageLayer[], steps: readonly LayerStep[], file: string): { label: string; step?: LayerStep }[] {
  const found = stepsForLayers(layers.map((l) => l.createdBy), steps);
  return layers.map((layer, i) => {
    const step = found[i];
    if (step) return { step, label: `${file}:${step.line} (${step.keyword} ${shorten(step.text)})` };
    if (!layer.createdBy) return { label: 'layer without history' };
    const history = parseCreatedBy(layer.createdBy);
    return { label: `${history.keyword} ${shorten(history.text)}` };
  });
}

function shorten(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Bytes as a reader takes them in: `48.0 MiB`; `signed` puts a + before growth. */
export function formatBytes(bytes: number | undefined, signed = false): string {
  if (bytes === undefined) return 'unknown';
  const sign = bytes < 0 ? '−' : signed && bytes > 0 ? '+' : '';
  const size = Math.abs(bytes);
  if (size < 1024) return `${sign}${size} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = size / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${sign}${value.toFixed(1)} ${units[unit]}`;
}

/** One line per change: "+48.0 MiB at Dockerfile:12 (RUN apt-get install …)". */
export function deltaLines(report: LayerReport): string[] {
  if (!report.previous) return [];
  const lines = report.rows.filter((r) => r.change !== 'same' && r.deltaBytes !== 0).map((r) => `${formatBytes(r.deltaBytes, true)} at ${r.label}${r.change === 'new' ? ' (new layer)' : ''}`);
  for (const r of report.removed) lines.push(`${formatBytes(-r.size, true)}: ${r.label} (layer removed)`);
  return lines;
}
