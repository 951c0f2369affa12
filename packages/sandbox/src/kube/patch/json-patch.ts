/** RFC 6902 JSON Patch (what `kubectl rollout undo` sends), via fast-json-patch. */
import jsonpatch from 'fast-json-patch';
import type { KubeObject } from '../types.js';
import { clone } from '../types.js';
import { errors } from '../status.js';

export function applyJsonPatch(target: KubeObject, patch: unknown): KubeObject {
  if (!Array.isArray(patch)) throw errors.badRequest('json patch must be an array of operations');
  try {
    return jsonpatch.applyPatch(clone(target), patch as jsonpatch.Operation[], true, false).newDocument;
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw errors.badRequest(`the server rejected our request due to an error in our request: ${message}`);
  }
}
