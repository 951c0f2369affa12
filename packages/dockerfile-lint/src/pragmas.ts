import type { DockerfileModel } from './model/dockerfile.js';
import { stageIndexAtLine } from './model/stages.js';
import { canonicalCode } from './rules/buildkit/names.js';

/**
 * Ignore pragmas, read from comments:
 * - `# hadolint ignore=DL3008,DL3009` (or `# eks-kit ignore=…`) directly above an instruction:
 *   that instruction only;
 * - `# hadolint global ignore=…`: the whole file;
 * - `# eks-kit stage ignore=…` anywhere in a stage (or directly above its FROM): that stage.
 * Codes may be BuildKit check names too (`# hadolint ignore=StageNameCasing`), in any case.
 */
export interface Pragmas {
  global: Set<string>;
  /** Line of an instruction's first line → codes ignored there. */
  byLine: Map<number, Set<string>>;
  /** Stage index → codes ignored in it. */
  byStage: Map<number, Set<string>>;
  /** Lines of inline ignore pragmas, for DL1001. */
  inlineLines: number[];
}

// Codes may be followed by a comment of their own: `# hadolint ignore=DL3002 # runs as root on purpose`.
const PRAGMA = /^\s*(?:hadolint|eks-kit)\s+(global\s+|stage\s+)?ignore\s*=\s*([A-Za-z0-9_,\s]+?)\s*(?:#.*)?$/i;

export function readPragmas(model: DockerfileModel): Pragmas {
  const pragmas: Pragmas = { global: new Set(), byLine: new Map(), byStage: new Map(), inlineLines: [] };
  const instructionStarts = new Set(model.instructions.map((i) => i.range.startLine));
  const commentLines = new Set(model.comments.map((c) => c.line));

  for (const comment of model.comments) {
    const match = PRAGMA.exec(comment.text.replace(/^#/, ''));
    if (!match) continue;
    const scope = (match[1] ?? '').trim().toLowerCase();
    const codes = (match[2] ?? '')
      .split(',')
      .map((c) => canonicalCode(c))
      .filter(Boolean);
    const target = nextInstructionLine(comment.line, instructionStarts, commentLines);
    if (scope === 'global') {
      codes.forEach((c) => pragmas.global.add(c));
    } else if (scope === 'stage') {
      const stage = stageIndexAtLine(model, target ?? comment.line);
      if (stage !== undefined) addAll(pragmas.byStage, stage, codes);
    } else if (target !== undefined) {
      addAll(pragmas.byLine, target, codes);
      pragmas.inlineLines.push(comment.line);
    }
  }
  return pragmas;
}

/** The instruction a comment block sits directly above (only comments may stand between). */
function nextInstructionLine(line: number, starts: ReadonlySet<number>, commentLines: Set<number>): number | undefined {
  for (let next = line + 1; ; next++) {
    if (starts.has(next)) return next;
    if (!commentLines.has(next)) return undefined;
  }
}

function addAll<K>(map: Map<K, Set<string>>, key: K, codes: string[]): void {
  const set = map.get(key) ?? new Set<string>();
  codes.forEach((c) => set.add(c));
  map.set(key, set);
}

export function isIgnored(pragmas: Pragmas, code: string, line: number, stageIndex: number | undefined): boolean {
  if (pragmas.global.has(code)) return true;
  if (pragmas.byLine.get(line)?.has(code)) return true;
  return stageIndex !== undefined && (pragmas.byStage.get(stageIndex)?.has(code) ?? false);
}
