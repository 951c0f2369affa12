import type { Instruction } from '../model/dockerfile.js';
import { volatileMountTargets } from './eks/mounts.js';

/**
 * Targets of `RUN --mount=type=cache` and `type=tmpfs`: what is written there never lands in the
 * layer, so leaving a package cache in such a directory costs no image size.
 */
export const cacheMountTargets = volatileMountTargets;

/** Whether `directory` (absolute) is a cache or tmpfs mount target or lies inside one. */
export function isCacheMounted(instruction: Instruction, directory: string): boolean {
  return cacheMountTargets(instruction).some((target) => directory === target || directory.startsWith(target === '/' ? '/' : `${target}/`));
}

/** For caches under a user's home (`~/.cache/pip`): whether a mount target ends with one of `suffixes`. */
export function hasCacheMountEndingWith(instruction: Instruction, ...suffixes: string[]): boolean {
  return cacheMountTargets(instruction).some((target) => suffixes.some((suffix) => target === suffix || target.endsWith(`/${suffix}`)));
}
