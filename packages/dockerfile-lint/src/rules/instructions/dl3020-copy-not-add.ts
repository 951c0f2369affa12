import { copyPaths } from '../../model/copy-paths.js';
import { wordRange } from '../../model/positions.js';
import { instructionRule } from '../../rule.js';
import { ARCHIVE } from './archives.js';

/** ADD earns its place for URLs, git repositories and local archives it unpacks; anything else is COPY. */
function needsAdd(source: string): boolean {
  return ARCHIVE.test(source) || /^(https?|git|ssh):\/\//.test(source) || /^[\w.-]+@[\w.-]+:/.test(source) || source.includes('$');
}

export const dl3020 = instructionRule(
  { code: 'DL3020', severity: 'error', category: 'correctness', title: 'Use COPY instead of ADD for files and folders', hadolint: true },
  (instruction, { report }) => {
    if (instruction.keyword !== 'ADD') return;
    const { sources, heredoc } = copyPaths(instruction);
    // `ADD <<EOF` writes inline text; COPY would do the same, but it is not the mistake this rule is about.
    if (heredoc) return;
    const plain = sources.find((s) => !needsAdd(s));
    if (plain !== undefined) report(wordRange(instruction, plain), `Use COPY instead of ADD for \`${plain}\`: ADD only earns its place for URLs and local archives`);
  },
);
