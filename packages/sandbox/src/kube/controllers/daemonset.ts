/** Placeholder replaced below. */
import type { Cluster } from '../cluster.js';
export function syncDaemonSets(_cluster: Cluster): void {}
