import type { DockerfileModel, Instruction, Stage } from '../model/dockerfile.js';
import { stageNamed } from '../model/stages.js';

/** The dialects ShellCheck's `--shell` knows; a RUN in any other shell is not checked. */
export type ShellDialect = 'sh' | 'bash' | 'dash' | 'ksh';

/** The lines of one RUN's script in the Dockerfile (1-based, inclusive). */
export interface ScriptSpan {
  startLine: number;
  endLine: number;
}

/**
 * Every RUN of one dialect in one Dockerfile as a single script for one ShellCheck run. Line N of
 * `text` is line N of the Dockerfile and columns are kept, so ShellCheck's positions need no
 * translation: the keyword and flags are blanked, lines that are not a RUN's script are empty or
 * hold `export NAME=1` for the ARG and ENV names declared there.
 */
export interface ScriptBatch {
  dialect: ShellDialect;
  text: string;
  spans: ScriptSpan[];
}

// Set by the runner in every build, so never "unassigned" (the set hadolint exports too).
const PROXY_VARIABLES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy'];
const DIALECTS: Record<string, ShellDialect> = { sh: 'sh', bash: 'bash', dash: 'dash', ash: 'dash', ksh: 'ksh', mksh: 'ksh' };
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The dialect of a SHELL instruction's program, or `null` for shells ShellCheck cannot read (pwsh, cmd, zsh). */
export function dialectOf(program: string): ShellDialect | null {
  const base = program.replace(/^.*[\\/]/, '').replace(/\.exe$/i, '').toLowerCase();
  return DIALECTS[base] ?? null;
}

/** The batches to check, at most one per dialect, in the order the dialects first appear. */
export function scriptBatches(model: DockerfileModel, excluded: ReadonlySet<number> = new Set()): ScriptBatch[] {
  const dialects = runDialects(model);
  const lineCount = model.lines.length;
  const batches = new Map<ShellDialect, { lines: string[]; spans: ScriptSpan[] }>();
  const declarations = declarationLines(model);
  for (const instruction of model.instructions) {
    const dialect = dialects.get(instruction);
    if (!dialect || excluded.has(instruction.range.startLine)) continue;
    const script = scriptLines(model, instruction);
    if (!script) continue;
    let batch = batches.get(dialect);
    if (!batch) {
      batch = { lines: new Array<string>(lineCount).fill(''), spans: [] };
      for (const [line, text] of declarations) batch.lines[line - 1] = text;
      batches.set(dialect, batch);
    }
    script.forEach((text, offset) => (batch.lines[instruction.range.startLine - 1 + offset] = text));
    batch.spans.push({ startLine: instruction.range.startLine, endLine: instruction.range.endLine });
  }
  return [...batches].map(([dialect, batch]) => ({ dialect, text: batch.lines.join('\n') + '\n', spans: batch.spans }));
}

/**
 * The shell each shell-form RUN runs in: /bin/sh unless a SHELL says otherwise, and a stage built
 * `FROM` another stage inherits that stage's SHELL (it is part of the image's config).
 */
function runDialects(model: DockerfileModel): Map<Instruction, ShellDialect> {
  const result = new Map<Instruction, ShellDialect>();
  const finalShell = new Map<Stage, ShellDialect | null>();
  for (const stage of model.stages) {
    const parent = stage.base.isStage ? stageNamed(model, stage.base.resolved, stage.index) : undefined;
    let dialect: ShellDialect | null = parent ? (finalShell.get(parent) ?? 'sh') : 'sh';
    for (const instruction of stage.instructions) {
      if (instruction.keyword === 'SHELL') dialect = instruction.execForm?.[0] ? dialectOf(instruction.execForm[0]) : dialect;
      else if (instruction.keyword === 'RUN' && !instruction.execForm && dialect) result.set(instruction, dialect);
    }
    finalShell.set(stage, dialect);
  }
  return result;
}

/** `export NAME=1 …` at the first line of each ARG and ENV, and the proxy variables before anything else. */
function declarationLines(model: DockerfileModel): Map<number, string> {
  const lines = new Map<number, string>();
  const first = model.instructions[0];
  if (first && first.keyword !== 'RUN') lines.set(first.range.startLine, exportLine(PROXY_VARIABLES));
  for (const instruction of model.instructions) {
    if (instruction.keyword !== 'ARG' && instruction.keyword !== 'ENV') continue;
    const names = (instruction.properties ?? []).map((p) => p.name).filter((n) => NAME.test(n));
    const line = instruction.range.startLine;
    const earlier = lines.get(line);
    if (names.length > 0) lines.set(line, earlier ? `${earlier}; ${exportLine(names)}` : exportLine(names));
  }
  return lines;
}

function exportLine(names: readonly string[]): string {
  return `export ${names.map((n) => `${n}=1`).join(' ')}`;
}

/**
 * One RUN's lines as the shell sees them, same line count and columns as in the Dockerfile.
 * Docker drops comment and empty lines inside a continued instruction; here they become a lone
 * `\` so the command still continues. `RUN <<EOF` with no command runs the body itself.
 */
function scriptLines(model: DockerfileModel, instruction: Instruction): string[] | undefined {
  const ranges = instruction.wordRanges ?? [];
  const start = ranges[0];
  if (!start) return undefined;
  const { startLine, endLine } = instruction.range;
  const escape = model.directives.escape === '`' ? '`' : '\\';
  const heredocLines = new Set<number>();
  for (const heredoc of instruction.heredocs ?? []) {
    const bodyLines = heredoc.body === '' ? 0 : heredoc.body.split('\n').length;
    for (let line = heredoc.startLine; line <= heredoc.startLine + bodyLines; line++) heredocLines.add(line);
  }
  const wordsOnFirstLine = ranges.filter((r) => r.startLine === start.startLine).length;
  const bodyIsScript = instruction.heredocs?.length === 1 && wordsOnFirstLine === 1 && /^<<-?["']?\w+["']?$/.test(instruction.words[0] ?? '');
  const result: string[] = [];
  for (let line = startLine; line <= endLine; line++) {
    const raw = (model.lines[line - 1] ?? '').replace(/\r$/, '');
    if (heredocLines.has(line)) {
      // The closing marker of a body that is the script is not shell; a fed body stays as written.
      const heredoc = instruction.heredocs![0]!;
      const isMarker = bodyIsScript && line === heredoc.startLine + (heredoc.body === '' ? 0 : heredoc.body.split('\n').length);
      result.push(isMarker ? '' : raw);
    } else if (line < start.startLine || (bodyIsScript && line === start.startLine)) {
      result.push('');
    } else {
      const text = line === start.startLine ? ' '.repeat(start.startColumn - 1) + raw.slice(start.startColumn - 1) : raw;
      result.push(continuation(text, escape, line < endLine && !heredocLines.has(line + 1) ? 'inside' : 'last'));
    }
  }
  return result;
}

/** Docker's continuation is the escape character, optionally followed by blanks, at the end of a line. */
function continuation(text: string, escape: string, position: 'inside' | 'last'): string {
  if (position === 'inside' && /^\s*(#.*)?$/.test(text)) return '\\';
  const trailing = escape === '\\' ? /\\[ \t]+$/ : /`[ \t]*$/;
  return trailing.test(text) ? text.replace(trailing, '\\') : text;
}
