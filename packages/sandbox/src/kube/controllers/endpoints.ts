/** Placeholder replaced below. */
import type { Cluster } from '../cluster.js';
export function syncEndpoints(_cluster: Cluster): void {}
