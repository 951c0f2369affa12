import type { DockerfileModel } from './model/dockerfile.js';

/**
 * BuildKit's `# check=` options: `skip=<names>|all`, `error=true|false`, `experimental=<names>|all`,
 * separated by `;`. Read as BuildKit reads them, so a Dockerfile silenced for
 * `docker build --check` is silenced here the same way.
 */
export interface CheckOptions {
  skipAll: boolean;
  skip: Set<string>;
  /** Check findings fail the build (`error=true`). */
  error: boolean;
  experimentalAll: boolean;
  experimental: Set<string>;
}

export function noCheckOptions(): CheckOptions {
  return { skipAll: false, skip: new Set(), error: false, experimentalAll: false, experimental: new Set() };
}

// Go's strconv.ParseBool, which BuildKit uses for `error=`.
const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** The options of one `check=` value, or what BuildKit would refuse in it. */
export function parseCheckOptions(value: string): CheckOptions | { problem: string } {
  const options = noCheckOptions();
  const text = value.trim();
  if (text === '') return options;
  // At most three parts: like BuildKit, a fourth `;` stays inside the third part.
  const parts = splitAtMost(text, ';', 3);
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq === -1) return { problem: `invalid check option "${part}": expected name=value` };
    const key = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    if (key === 'skip' || key === 'experimental') {
      const all = raw === 'all';
      const names = all ? [] : raw.split(',').map((name) => name.trim());
      if (key === 'skip') {
        options.skipAll = all;
        options.skip = new Set(names);
      } else {
        options.experimentalAll = all;
        options.experimental = new Set(names);
      }
    } else if (key === 'error') {
      if (!TRUE.has(raw) && !FALSE.has(raw)) return { problem: `check option "error=${raw}": expected true or false` };
      options.error = TRUE.has(raw);
    } else {
      return { problem: `invalid check option "${key}": expected skip, error or experimental` };
    }
  }
  return options;
}

function splitAtMost(text: string, separator: string, parts: number): string[] {
  const pieces = text.split(separator);
  return pieces.length <= parts ? pieces : [...pieces.slice(0, parts - 1), pieces.slice(parts - 1).join(separator)];
}

export interface FileCheckOptions {
  options: CheckOptions;
  /** A `# check=` directive BuildKit refuses (the build stops there): its line and why. */
  problem?: { line: number; message: string };
  /** How many lines at the top are parser directives (a shebang included). */
  directiveLines: number;
}

const DIRECTIVE = /^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;
const DIRECTIVE_NAMES = new Set(['syntax', 'escape', 'check']);

/**
 * The `# check=` parser directive. Like every parser directive it counts only at the very top:
 * lines that start with `#` (no indentation) and read `name=value` for a known directive, after
 * an optional shebang; the first other line ends the directives. The value stops at its first
 * space, so `# check=skip=all  reason` is `skip=all`.
 */
export function fileCheckOptions(model: DockerfileModel): FileCheckOptions {
  const lines = model.lines;
  let index = lines[0]?.replace(/^\uFEFF/, '').startsWith('#!') ? 1 : 0;
  const seen = new Set<string>();
  let found: Omit<FileCheckOptions, 'directiveLines'> = { options: noCheckOptions() };
  for (; index < lines.length; index++) {
    const line = (index === 0 ? lines[0]!.replace(/^\uFEFF/, '') : lines[index]!).replace(/\r$/, '');
    if (!line.startsWith('#')) break;
    const match = DIRECTIVE.exec(line.slice(1).trimStart());
    const name = match?.[1]?.toLowerCase();
    if (!match || !name || !DIRECTIVE_NAMES.has(name)) break;
    if (seen.has(name)) {
      if (name === 'check') found = { ...found, problem: { line: index + 1, message: 'only one `# check=` parser directive can be used' } };
      break;
    }
    seen.add(name);
    if (name !== 'check') continue;
    const parsed = parseCheckOptions((match[2] ?? '').split(' ')[0] ?? '');
    found = 'problem' in parsed ? { options: noCheckOptions(), problem: { line: index + 1, message: `BuildKit cannot read \`# check=${match[2]}\`: ${parsed.problem}` } } : { options: parsed };
  }
  return { ...found, directiveLines: index };
}

/**
 * `# check=skip=…` in the comments directly above an instruction (Dockerfile frontend 1.21 and later):
 * skips those checks at that instruction only. The comments BuildKit gives an instruction are
 * those since the previous instruction, restarted by an empty `#` line; the first `check=` among
 * them counts, and one it cannot read counts for nothing. Keyed by the instruction's first line.
 */
export function localCheckOptions(model: DockerfileModel, directiveLines: number): Map<number, CheckOptions> {
  const byLine = new Map<number, CheckOptions>();
  let comment = 0;
  const comments = model.comments.filter((c) => c.line > directiveLines);
  let previousEnd = directiveLines;
  for (const instruction of model.instructions) {
    let options: CheckOptions | undefined;
    let done = false;
    for (; comment < comments.length && comments[comment]!.line < instruction.range.startLine; comment++) {
      const { text, line } = comments[comment]!;
      if (line <= previousEnd) continue;
      const body = text.replace(/^#/, '').trim();
      if (body === '') {
        options = undefined;
        done = false;
        continue;
      }
      if (done) continue;
      const match = DIRECTIVE.exec(body);
      if (match?.[1]?.toLowerCase() !== 'check') continue;
      done = true;
      const parsed = parseCheckOptions((match[2] ?? '').split(' ')[0] ?? '');
      if (!('problem' in parsed)) options = parsed;
    }
    if (options) byLine.set(instruction.range.startLine, options);
    previousEnd = instruction.range.endLine;
  }
  return byLine;
}
