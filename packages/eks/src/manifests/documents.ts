import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';

/** A Kubernetes object's type as written in a file, with the line of its apiVersion. */
export interface TypeReference {
  apiVersion: string;
  kind: string;
  line: number;
}

export interface ExtractResult {
  references: TypeReference[];
  documents: number;
  /** Template mode: lines left out because they hold `{{ … }}`. */
  skippedTemplateLines: number;
  /** Documents whose apiVersion or kind is itself templated, so cannot be judged. */
  templatedTypes: number;
  /** Set when the YAML did not parse and the line scanner was used instead. */
  parseError?: string;
}

/** Every apiVersion/kind in a YAML text: parsed when it is YAML, line-scanned when it is a template. */
export function extractTypes(text: string): ExtractResult {
  if (text.includes('{{')) return scanTemplate(text);
  // Block-style manifests (nearly all) are read line by line, ~10x faster than a full parse; the
  // parser takes over for anything the line reader could misread (flow style, JSON, lists).
  const quick = scanTemplate(text);
  if (quick.references.length === quick.documents && !quick.references.some((r) => r.kind.endsWith('List')) && !/^[{[]/m.test(text)) return quick;
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: false });
  if (!Array.isArray(docs)) return { references: [], documents: 0, skippedTemplateLines: 0, templatedTypes: 0 };
  const broken = docs.find((d) => d.errors.length > 0);
  if (broken) return { ...scanTemplate(text), parseError: broken.errors[0]?.message.split('\n')[0] ?? 'invalid YAML' };
  const references: TypeReference[] = [];
  let documents = 0;
  for (const doc of docs) {
    if (doc.contents === null) continue;
    documents++;
    collect(doc.contents, lineCounter, references);
  }
  return { references, documents, skippedTemplateLines: 0, templatedTypes: 0 };
}

function collect(node: Node | null, lineCounter: LineCounter, out: TypeReference[]): void {
  if (!isMap(node)) return;
  let apiVersion: string | undefined;
  let kind: string | undefined;
  let line = 0;
  for (const pair of node.items) {
    if (!isScalar(pair.key) || !isScalar(pair.value)) continue;
    const value = pair.value.value;
    if (typeof value !== 'string') continue;
    if (pair.key.value === 'apiVersion') {
      apiVersion = value;
      line = lineCounter.linePos(pair.key.range?.[0] ?? 0).line;
    } else if (pair.key.value === 'kind') kind = value;
  }
  if (apiVersion && kind) out.push({ apiVersion, kind, line });
  // kind: List (and kubectl's *List output) carries objects in `items`.
  if (kind?.endsWith('List')) {
    const items = node.get('items', true);
    if (isSeq(items)) for (const item of items.items) collect(item as Node, lineCounter, out);
  }
}

const TOP_LEVEL = /^(apiVersion|kind):\s*(.*?)\s*(?:#.*)?$/;

/** For Helm templates and broken YAML: top-level apiVersion/kind lines per `---` document. */
function scanTemplate(text: string): ExtractResult {
  const references: TypeReference[] = [];
  let documents = 0;
  let skippedTemplateLines = 0;
  let templatedTypes = 0;
  let current: { apiVersion?: string; kind?: string; line: number; templated: boolean; seen: boolean } = { line: 0, templated: false, seen: false };
  const flush = () => {
    if (current.seen) documents++;
    if (current.templated) templatedTypes++;
    else if (current.apiVersion && current.kind) references.push({ apiVersion: current.apiVersion, kind: current.kind, line: current.line });
    current = { line: 0, templated: false, seen: false };
  };
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    if (/^---(\s|$)/.test(raw)) return flush();
    if (raw.includes('{{')) {
      skippedTemplateLines++;
      const m = TOP_LEVEL.exec(raw);
      if (m) current.templated = current.seen = true;
      return;
    }
    if (raw.trim() && !raw.trimStart().startsWith('#')) current.seen = true;
    const m = TOP_LEVEL.exec(raw);
    if (!m) return;
    const value = (m[2] ?? '').replace(/^(['"])(.*)\1$/, '$2');
    if (m[1] === 'apiVersion') {
      current.apiVersion = value;
      current.line = index + 1;
    } else current.kind = value;
  });
  flush();
  return { references, documents, skippedTemplateLines, templatedTypes };
}
