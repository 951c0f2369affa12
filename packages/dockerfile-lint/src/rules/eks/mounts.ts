import type { Instruction } from '../../model/dockerfile.js';

/** Targets of a RUN's `--mount=type=cache` and `--mount=type=tmpfs` mounts: nothing written there stays in the layer. */
export function volatileMountTargets(instruction: Instruction): string[] {
  const targets: string[] = [];
  for (const flag of instruction.flags) {
    if (flag.name !== 'mount') continue;
    const type = flag.options.type ?? 'bind';
    if (type !== 'cache' && type !== 'tmpfs') continue;
    const target = flag.options.target ?? flag.options.dst ?? flag.options.destination;
    if (target) targets.push(normalizePath(target));
  }
  return targets;
}

/** `/root/.cache/` and `/root/.cache/.` → `/root/.cache`; `~` is root's home, where RUN runs unless USER says otherwise. */
export function normalizePath(path: string): string {
  // Most paths have nothing to rewrite; the four patterns below ran for every `rm` operand.
  const first = path[0];
  const last = path[path.length - 1];
  if (first !== '~' && first !== '$' && last !== '/' && last !== '.') return path || '/';
  return path.replace(/^~(?=\/|$)/, '/root').replace(/^\$HOME(?=\/|$)/, '/root').replace(/\/\.?$/, '').replace(/\/+$/, '') || '/';
}

/** Whether `path` is `dir` or inside it. */
export function isWithin(path: string, dir: string): boolean {
  const p = normalizePath(path);
  const d = normalizePath(dir);
  return p === d || p.startsWith(`${d}/`);
}

/** `isWithin` for paths already normalized (as `volatileMountTargets` and the cleanup tables give them). */
export function isWithinNormalized(path: string, dir: string): boolean {
  return path === dir || (path.startsWith(dir) && path.charCodeAt(dir.length) === 47 /* '/' */);
}
