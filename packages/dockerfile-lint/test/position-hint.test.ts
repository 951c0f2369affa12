import { describe, expect, it } from '@jest/globals';
import { DockerfileParser } from 'dockerfile-ast';
import { patchPositionAt } from '../src/model/position-hint.js';

/** The text document's own answer, worked out from scratch: line starts after \r\n, \r or \n. */
function expected(text: string, offset: number): { line: number; character: number } {
  const clamped = Math.max(Math.min(offset, text.length), 0);
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') i++;
    if (text[i] === '\r' || text[i] === '\n') starts.push(i + 1);
  }
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1]! <= clamped) line++;
  let at = clamped;
  while (at > starts[line]! && (text[at - 1] === '\r' || text[at - 1] === '\n')) at--;
  return { line, character: at - starts[line]! };
}

describe('positionAt with a last-line hint', () => {
  patchPositionAt();
  const text = 'FROM alpine\r\nRUN a \\\r\n  b\n\n\nARG X=1\rENV Y=2\n# c\nCMD x';
  const document = (DockerfileParser.parse(text) as unknown as { document: { positionAt(offset: number): { line: number; character: number } } }).document;
  const offsets = Array.from({ length: text.length + 4 }, (_, i) => i - 1);

  it('answers as the text document does, in file order, backwards and jumping about', () => {
    const shuffled = offsets.map((offset, i) => offsets[(i * 17) % offsets.length]!);
    for (const order of [offsets, [...offsets].reverse(), shuffled]) {
      expect(order.map((offset) => document.positionAt(offset))).toEqual(order.map((offset) => expected(text, offset)));
    }
  });
});
