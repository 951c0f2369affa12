import { copyPaths } from '../../model/copy-paths.js';
import type { Instruction } from '../../model/dockerfile.js';
import type { Rule } from '../../rule.js';
import { runOf } from '../run-rule.js';
import { ARCHIVE } from './archives.js';

const EXTRACTORS = new Set(['unzip', 'gunzip', 'bunzip2', 'unlzma', 'unxz', 'zgz', 'uncompress', 'zcat', 'gzcat']);

function basename(path: string): string {
  return path.replace(/[\\/]+$/, '').replace(/^.*[\\/]/, '');
}

/**
 * COPY of a local archive that a later RUN of the stage unpacks: ADD does both in one layer,
 * without keeping the archive in an earlier one.
 */
export const dl3010: Rule = {
  code: 'DL3010',
  severity: 'info',
  category: 'size',
  title: 'Use ADD to extract a local archive into the image instead of COPY and a RUN that unpacks it',
  hadolint: true,
  check({ model, report }) {
    for (const stage of model.stages) {
      const copied = new Map<string, Instruction>();
      for (const at of stage.instructions) {
        if (at.keyword === 'COPY' && !at.flags.some((f) => f.name === 'from')) {
          const { sources, dest, heredoc } = copyPaths(at);
          if (heredoc) continue;
          const names = dest && ARCHIVE.test(dest) ? [basename(dest)] : sources.filter((s) => ARCHIVE.test(s)).map(basename);
          for (const name of names) copied.set(name, at);
        }
        if (copied.size === 0) continue;
        const run = runOf(at);
        for (const command of run?.shell?.commands ?? []) {
          const extracts = EXTRACTORS.has(command.name) || (command.name === 'tar' && command.args.some((a, i) => a === '--extract' || a === '--get' || (a.startsWith('-') ? /^-[A-Za-z]*x[A-Za-z]*$/.test(a) : i === 0 && /^[A-Za-z]*x[A-Za-z]*$/.test(a))));
          if (!extracts) continue;
          for (const arg of command.args) {
            const copy = copied.get(basename(arg));
            if (copy) {
              report(copy);
              copied.delete(basename(arg));
            }
          }
        }
      }
    }
  },
};
