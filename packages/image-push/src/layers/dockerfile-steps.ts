/** A Dockerfile instruction that makes a layer, in the stage that is built. */
export interface LayerStep {
  /** 1-based line of the instruction's first line. */
  line: number;
  keyword: 'RUN' | 'COPY' | 'ADD';
  /** Arguments without flags (`--mount=…`, `--from=…`, `--chown=…`), whitespace collapsed. */
  text: string;
}

const LAYER_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);

/**
 * The RUN, COPY and ADD instructions of the stage that is built (`target`, else the last stage),
 * with backslash continuations joined and comment lines inside them dropped. Heredocs and a custom
 * escape character are not followed: such an instruction just gets no line number.
 */
export function layerSteps(dockerfile: string, target?: string): LayerStep[] {
  const stages: LayerStep[][] = [];
  const names: (string | undefined)[] = [];
  for (const { line, text } of logicalLines(dockerfile)) {
    const match = /^(\w+)\s*(.*)$/s.exec(text);
    if (!match) continue;
    const keyword = match[1]!.toUpperCase();
    const args = match[2] ?? '';
    if (keyword === 'FROM') {
      stages.push([]);
      names.push(/\s+AS\s+(\S+)\s*$/i.exec(args)?.[1]?.toLowerCase());
    } else if (LAYER_KEYWORDS.has(keyword) && stages.length > 0) {
      stages.at(-1)!.push({ line, keyword: keyword as LayerStep['keyword'], text: withoutFlags(args) });
    }
  }
  const index = target ? names.indexOf(target.toLowerCase()) : -1;
  return stages[index === -1 ? stages.length - 1 : index] ?? [];
}

function logicalLines(dockerfile: string): { line: number; text: string }[] {
  const lines = dockerfile.split(/\r?\n/);
  const result: { line: number; text: string }[] = [];
  let current: { line: number; parts: string[] } | undefined;
  lines.forEach((raw, i) => {
    const trimmed = raw.trim();
    if (!current && (trimmed === '' || trimmed.startsWith('#'))) return;
    if (current && trimmed.startsWith('#')) return;
    const continued = /\\\s*$/.test(raw);
    const piece = continued ? raw.replace(/\\\s*$/, '') : raw;
    if (!current) current = { line: i + 1, parts: [] };
    current.parts.push(piece.trim());
    if (!continued) {
      result.push({ line: current.line, text: current.parts.join(' ').trim() });
      current = undefined;
    }
  });
  if (current) result.push({ line: current.line, text: current.parts.join(' ').trim() });
  return result;
}

/** Drops leading `--flag` / `--flag=value` options and collapses whitespace. */
export function withoutFlags(args: string): string {
  return args.replace(/^(?:\s*--[a-z-]+(?:=(?:"[^"]*"|\S+))?)+\s*/i, '').replace(/\s+/g, ' ').trim();
}

/** What a history entry's `created_by` says was run, in the same terms as a LayerStep. */
export interface HistoryStep {
  keyword: string;
  text: string;
  /** COPY/ADD as the classic builder and buildah record them: `file:<hash> in <dest>`. */
  dest?: string;
}

/**
 * Reads `created_by` as BuildKit writes it (`RUN /bin/sh -c … # buildkit`, `COPY a b # buildkit`)
 * and as the classic builder and buildah do (`/bin/sh -c …` for RUN, `/bin/sh -c #(nop) COPY
 * file:… in /dest`). Build arguments a RUN saw (`|2 A=1 B=2 …`) are dropped.
 */
export function parseCreatedBy(createdBy: string): HistoryStep {
  let text = createdBy.replace(/\s*#\s*buildkit\s*$/, '').trim();
  let keyword = 'RUN';
  const explicit = /^(RUN|COPY|ADD)\s+(.*)$/s.exec(text);
  if (explicit) {
    keyword = explicit[1]!;
    text = explicit[2]!;
  }
  text = text.replace(/^\|\d+(?:\s+[A-Za-z_][A-Za-z0-9_]*=\S*)*\s+/, '');
  const nop = /^\/bin\/sh -c #\(nop\)\s+(\w+)\s*(.*)$/s.exec(text);
  if (nop) {
    keyword = nop[1]!.toUpperCase();
    text = nop[2]!;
  } else if (keyword === 'RUN') {
    text = text.replace(/^\/bin\/sh -c\s+/, '');
  }
  text = withoutFlags(text);
  const hashed = /^(?:file|dir|multi):[0-9a-f]+ in (\S+)/.exec(text);
  return { keyword, text, ...(hashed ? { dest: hashed[1] } : {}) };
}

function matches(step: LayerStep, history: HistoryStep): boolean {
  if (step.keyword !== history.keyword) return false;
  if (history.dest !== undefined) return lastWord(step.text) === history.dest || lastWord(step.text).replace(/\/$/, '') === history.dest.replace(/\/$/, '');
  return step.text === history.text || (step.keyword !== 'RUN' && lastWord(step.text) === lastWord(history.text));
}

function lastWord(text: string): string {
  return text.split(' ').at(-1) ?? '';
}

/**
 * Which Dockerfile step made each layer. The stage's own layers are the last ones, in order, so
 * they are matched from the end; the layers before them come from the base image and get none.
 */
export function stepsForLayers(createdBy: readonly (string | undefined)[], steps: readonly LayerStep[]): (LayerStep | undefined)[] {
  const result: (LayerStep | undefined)[] = createdBy.map(() => undefined);
  let next = steps.length - 1;
  for (let i = createdBy.length - 1; i >= 0 && next >= 0; i--) {
    const entry = createdBy[i];
    if (!entry) continue;
    const history = parseCreatedBy(entry);
    for (let k = next; k >= 0; k--) {
      if (matches(steps[k]!, history)) {
        result[i] = steps[k];
        next = k - 1;
        break;
      }
    }
  }
  return result;
}
