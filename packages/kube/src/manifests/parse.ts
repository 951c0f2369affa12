import { InputError } from '@eks-kit/core';
import { isMap, isSeq, LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { KubeObject, Manifest } from './types.js';

/**
 * Parses a multi-document YAML (or JSON) text into objects that remember their file and line. A
 * List kind is unpacked; empty documents are skipped; anything that is not an object with
 * apiVersion, kind and metadata.name is an input error at its line.
 */
export function parseManifests(text: string, file: string, input = 'manifests'): Manifest[] {
  const lines = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false });
  if (!Array.isArray(documents)) return [];
  const manifests: Manifest[] = [];
  for (const document of documents) {
    const error = document.errors[0];
    if (error) {
      const at = lines.linePos(error.pos[0]);
      throw new InputError(`${file}:${at.line}`, `invalid YAML: ${error.message.split('\n')[0] ?? error.message}`);
    }
    const value: unknown = document.toJS();
    if (value === null || value === undefined) continue;
    const startLine = lineOfNode(document.contents, lines) ?? 1;
    const lineOf = (path: readonly (string | number)[]) => lineOfPath(document, path, lines) ?? startLine;
    if (isListKind(value)) {
      value.items.forEach((item, index) => {
        const itemLine = lineOfPath(document, ['items', index], lines) ?? startLine;
        manifests.push({
          object: checkObject(item, file, itemLine, input),
          source: { file, line: itemLine },
          lineOf: (path) => lineOfPath(document, ['items', index, ...path], lines) ?? itemLine,
        });
      });
      continue;
    }
    manifests.push({ object: checkObject(value, file, startLine, input), source: { file, line: startLine }, lineOf });
  }
  return manifests;
}

function isListKind(value: unknown): value is { items: unknown[] } {
  const v = value as { kind?: unknown; items?: unknown };
  return typeof v.kind === 'string' && v.kind.endsWith('List') && Array.isArray(v.items);
}

function checkObject(value: unknown, file: string, line: number, input: string): KubeObject {
  const o = value as Partial<KubeObject> | null;
  const where = `${file}:${line}`;
  if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new InputError(where, 'a manifest document must be a mapping (an object)');
  if (typeof o.apiVersion !== 'string' || !o.apiVersion) throw new InputError(where, 'the object has no apiVersion');
  if (typeof o.kind !== 'string' || !o.kind) throw new InputError(where, 'the object has no kind');
  if (typeof o.metadata?.name !== 'string' || !o.metadata.name) {
    throw new InputError(where, `the ${o.kind} has no metadata.name${o.metadata && 'generateName' in o.metadata ? ' (generateName cannot be applied; use a name)' : ''}`);
  }
  void input;
  return o as KubeObject;
}

function lineOfNode(node: unknown, lines: LineCounter): number | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? lines.linePos(range[0]).line : undefined;
}

function lineOfPath(document: Document, path: readonly (string | number)[], lines: LineCounter): number | undefined {
  // Walk as deep as the path exists, so a missing field points at its nearest parent.
  let node: unknown = document.contents;
  let line = lineOfNode(node, lines);
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      if (!pair) break;
      line = lineOfNode(pair.key, lines) ?? line;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
      line = lineOfNode(node, lines) ?? line;
    } else break;
  }
  return line;
}
