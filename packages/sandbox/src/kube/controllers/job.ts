/** Placeholder replaced below. */
import type { Cluster } from '../cluster.js';
export function syncJobs(_cluster: Cluster): void {}
