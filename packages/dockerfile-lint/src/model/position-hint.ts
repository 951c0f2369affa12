/**
 * A patch to the text document dockerfile-ast keeps the source in (vscode-languageserver-
 * textdocument 1.0.x), applied once per process: positionAt gives the same answers, found faster.
 * It binary-searches the line starts on every call, and dockerfile-ast asks for both ends of every
 * argument, flag and variable in file order, so most calls land on the line of the call before
 * (on a 1 MB file, the search was some 5% of the lint).
 */
import { DockerfileParser } from 'dockerfile-ast';

const LAST_LINE = Symbol('eks-kit.last-line');

interface LineDocument {
  _content: string;
  getLineOffsets(): number[];
  ensureBeforeEOL(offset: number, lineOffset: number): number;
  positionAt(offset: number): { line: number; character: number };
  [LAST_LINE]?: number;
}

let patched = false;

export function patchPositionAt(): void {
  if (patched) return;
  patched = true;
  // The document class is not exported, and dockerfile-ast may load a copy of the package of its
  // own: the class to patch is that of a document it made.
  const document = (DockerfileParser.parse('') as unknown as { document?: Partial<LineDocument> }).document;
  if (typeof document?._content !== 'string') return;
  const proto = Object.getPrototypeOf(document) as Partial<LineDocument>;
  // Another version of the package: left as it is.
  if (typeof proto.positionAt !== 'function' || typeof proto.getLineOffsets !== 'function' || typeof proto.ensureBeforeEOL !== 'function') return;
  proto.positionAt = positionAt;
}

/** The package's positionAt, the line looked up from the one the last call found. */
function positionAt(this: LineDocument, offset: number): { line: number; character: number } {
  offset = Math.max(Math.min(offset, this._content.length), 0);
  const lineOffsets = this.getLineOffsets();
  if (lineOffsets.length === 0) return { line: 0, character: offset };
  const line = lineAt(lineOffsets, offset, this[LAST_LINE] ?? 0);
  this[LAST_LINE] = line;
  offset = this.ensureBeforeEOL(offset, lineOffsets[line]!);
  return { line, character: offset - lineOffsets[line]! };
}

/** The last line that starts at or before `offset`: the hinted line or the next one when it is, else a binary search. */
function lineAt(lineOffsets: readonly number[], offset: number, hint: number): number {
  for (let line = hint; line <= hint + 1 && line < lineOffsets.length; line++) {
    if (lineOffsets[line]! <= offset && (line + 1 === lineOffsets.length || lineOffsets[line + 1]! > offset)) return line;
  }
  let low = 0;
  let high = lineOffsets.length;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (lineOffsets[mid]! > offset) high = mid;
    else low = mid + 1;
  }
  return low - 1;
}
