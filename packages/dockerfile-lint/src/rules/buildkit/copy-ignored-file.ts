import { copyPaths, flagValue } from '../../model/copy-paths.js';
import type { Rule } from '../../rule.js';
import { dockerignoreExcludes } from '../eks/dockerignore.js';
import { buildkitMeta } from './meta.js';

/** Whether the file has `!` exceptions, which BuildKit does not try to judge statically. */
function hasExceptions(dockerignore: string): boolean {
  return dockerignore.split(/\r?\n/).some((line) => line.trim().startsWith('!'));
}

// Patterns that exclude every entry of the context root, the only way `COPY . .` copies nothing.
const ROOT_PATTERNS = new Set(['*', '**', '**/*']);

/** A context path as BuildKit cleans it: `./a//b/` → `a/b`, `./` → `.`. */
function cleanPath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.length === 0 ? (path.startsWith('/') ? '/' : '.') : parts.join('/');
}

/**
 * COPY or ADD of a context path that `.dockerignore` excludes: the file is not in the context
 * and the build fails or copies less than meant. Like BuildKit, a `.dockerignore` with `!`
 * exceptions is not judged, and `.` counts only when a pattern excludes the whole root.
 */
export const copyIgnoredFile: Rule = {
  ...buildkitMeta('CopyIgnoredFile', 'warning', 'correctness', 'COPY or ADD of a file that .dockerignore excludes'),
  check({ model, report }) {
    const dockerignore = model.dockerignore;
    if (typeof dockerignore !== 'string' || hasExceptions(dockerignore)) return;
    const patterns = dockerignore.split(/\r?\n/).map((line) => line.trim());
    for (const instruction of model.instructions) {
      if ((instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') || flagValue(instruction, 'from') !== undefined) continue;
      const { sources, heredoc } = copyPaths(instruction);
      if (heredoc) continue;
      for (const source of sources) {
        if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source) || source.startsWith('git@') || source.includes('$')) continue;
        const path = cleanPath(source.replace(/^\/+/, ''));
        const excluded = path === '.' || path === '/' ? patterns.some((p) => ROOT_PATTERNS.has(p)) : dockerignoreExcludes(dockerignore, path);
        const verb = instruction.keyword === 'ADD' ? 'ADD' : 'COPY';
        if (excluded) report(instruction, `${verb} of \`${path}\`, which .dockerignore excludes: it is not in the build context`);
      }
    }
  },
};
