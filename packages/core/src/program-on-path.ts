import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Whether `command` could be found the way spawn looks it up: `false` only when it is a bare name
 * and no PATH directory (of the environment the program would get) holds an entry of that name,
 * which is when spawn would fail with ENOENT. `undefined` when only spawn can tell: a path, no
 * PATH, or Windows (PATHEXT, and the current directory searched first).
 */
export function programOnPath(command: string, env: NodeJS.ProcessEnv, cwd: string = process.cwd()): boolean | undefined {
  if (process.platform === 'win32' || command.includes('/') || command === '') return undefined;
  const searchPath = env.PATH;
  if (searchPath === undefined) return undefined;
  // An empty PATH entry is the current directory, as execvp reads it.
  return searchPath.split(path.delimiter).some((dir) => existsSync(path.resolve(cwd, dir, command)));
}
