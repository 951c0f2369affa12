/** Placeholder replaced below. */
import type { Cluster } from '../cluster.js';
export function syncStatefulSets(_cluster: Cluster): void {}
