import { DockerfileParser, type Flag, type Instruction as AstInstruction, type From, type Heredoc, type Property as AstProperty, type Run } from 'dockerfile-ast';
import type { SourceRange } from '../types.js';
import type { BaseImage, DockerfileModel, HeredocBody, Instruction, InstructionFlag, Property, Stage } from './dockerfile.js';
import { patchDockerfileAst } from './dockerfile-ast-patches.js';
import { patchPositionAt } from './position-hint.js';
import { parseShell, type ShellScript } from './shell.js';

interface AstRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export function toSourceRange(range: AstRange): SourceRange {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

/** Parses once with dockerfile-ast and keeps what rules need in plain objects. */
export function buildModel(file: string, source: string, dockerignore?: string | null, contextHas?: (relativePath: string) => boolean): DockerfileModel {
  // Docker splits lines at \n only (a \r before it is dropped); dockerfile-ast also breaks at a
  // lone \r, which would shift every later line number. A space keeps columns where they were.
  const text = source.includes('\r') ? source.replace(/\r(?!\n)/g, ' ') : source;
  patchDockerfileAst();
  patchPositionAt();
  const ast = DockerfileParser.parse(text);
  const lines = text.split(/\r?\n/);
  const directives: Record<string, string> = {};
  for (const directive of ast.getDirectives()) directives[directive.getName().toLowerCase()] = directive.getValue();

  const globalArgs: Record<string, string | undefined> = {};
  const stages: Stage[] = [];
  // Aliases defined so far: `FROM <alias>` is a stage reference (a lookup, not a scan, per FROM).
  const aliases = new Set<string>();
  const instructions: Instruction[] = [];
  let stage: Stage | undefined;

  for (const node of ast.getInstructions()) {
    const instruction = toInstruction(node, lines, undefined);
    if (instruction.keyword === 'FROM') {
      const alias = (node as From).getBuildStage() ?? undefined;
      stage = {
        index: stages.length,
        alias: alias?.toLowerCase(),
        from: instruction,
        base: baseImage(node as From, globalArgs, aliases),
        instructions: [],
      };
      stages.push(stage);
      if (stage.alias !== undefined) aliases.add(stage.alias);
    } else if (!stage && instruction.keyword === 'ARG') {
      for (const [name, value] of argDeclarations(instruction.words)) globalArgs[name] = value;
    }
    instruction.stage = stage;
    stage?.instructions.push(instruction);
    instructions.push(instruction);
  }

  const comments = commentLines(lines, instructions);
  return { file, text, lines, instructions, stages, comments, directives, globalArgs, dockerignore, contextHas };
}

/**
 * Comment lines outside instructions. Read from the text rather than the parser, which takes a
 * leading `# hadolint global ignore=…` for a parser directive.
 */
function commentLines(lines: string[], instructions: Instruction[]): { text: string; line: number }[] {
  const inside = new Set<number>();
  for (const { range } of instructions) for (let line = range.startLine + 1; line <= range.endLine; line++) inside.add(line);
  const comments: { text: string; line: number }[] = [];
  lines.forEach((text, index) => {
    const line = index + 1;
    const match = /^\s*#\s?(.*)$/.exec(text);
    if (match && !inside.has(line)) comments.push({ text: (match[1] ?? '').trimEnd(), line });
  });
  return comments;
}

function toInstruction(node: AstInstruction, lines: string[], stage: Stage | undefined): Instruction {
  const keyword = node.getKeyword().toUpperCase();
  const instruction = new ModelInstruction(node, lines, keyword, stage);
  if (keyword === 'CMD' || keyword === 'ENTRYPOINT' || keyword === 'RUN' || keyword === 'SHELL' || keyword === 'HEALTHCHECK') {
    const args = instruction.args;
    instruction.execForm = parseExecForm(keyword === 'HEALTHCHECK' ? args.replace(/^\s*CMD\s+/i, '') : args);
  }
  if (keyword === 'RUN' && !instruction.execForm) {
    instruction.shell = parseShell(runShellSource(node as Run, instruction.args, lines));
  } else if (keyword === 'RUN' && instruction.execForm) {
    instruction.shell = execFormShell(instruction.execForm);
  }
  if (keyword === 'ONBUILD') instruction.onbuild = onbuildInstruction(node, instruction.args);
  return instruction;
}

/**
 * An instruction whose costlier parts (arguments text, words and their ranges, flags,
 * properties, heredocs) are read from the syntax tree the first time a rule asks: most
 * instructions are never asked for most of them, and dockerfile-ast's accessors are the largest
 * part of the model's cost.
 */
class ModelInstruction implements Instruction {
  execForm?: string[];
  shell?: ShellScript;
  onbuild?: Instruction;
  readonly range: SourceRange;
  #args?: string;
  #words?: string[];
  #wordRanges?: SourceRange[];
  #flags?: InstructionFlag[];
  #properties?: Property[] | null;
  #heredocs?: HeredocBody[] | null;

  constructor(
    private readonly node: AstInstruction,
    private readonly lines: string[],
    readonly keyword: string,
    public stage: Stage | undefined,
  ) {
    this.range = toSourceRange(node.getRange());
  }

  get args(): string {
    return (this.#args ??= withoutBlankContinuations(this.node));
  }

  get words(): string[] {
    return (this.#words ??= this.node.getArguments().map((a) => a.getValue()));
  }

  get wordRanges(): SourceRange[] {
    return (this.#wordRanges ??= this.node.getArguments().map((a) => toSourceRange(a.getRange())));
  }

  get flags(): InstructionFlag[] {
    return (this.#flags ??= flagsOf(this.node));
  }

  get properties(): Property[] | undefined {
    if (this.#properties === undefined) {
      this.#properties = this.keyword === 'ENV' || this.keyword === 'LABEL' || this.keyword === 'ARG' ? propertiesOf(this.node) : null;
    }
    return this.#properties ?? undefined;
  }

  get heredocs(): HeredocBody[] | undefined {
    if (this.#heredocs === undefined) {
      const found = this.keyword === 'RUN' || this.keyword === 'COPY' || this.keyword === 'ADD' ? heredocsOf(this.node, this.lines) : [];
      this.#heredocs = found.length > 0 ? found : null;
    }
    return this.#heredocs ?? undefined;
  }
}

function propertiesOf(node: AstInstruction): Property[] {
  const withProperties = node as AstInstruction & { getProperties?: () => AstProperty[]; getProperty?: () => AstProperty | null };
  const properties = withProperties.getProperties?.() ?? [withProperties.getProperty?.()].filter((p): p is AstProperty => !!p);
  return properties.map((property) => {
    const value = property.getUnescapedValue();
    return {
      name: unquote(property.getName()),
      value: value === null ? (property.getAssignmentOperator() === null ? undefined : '') : unquote(value),
      range: toSourceRange(property.getRange()),
    };
  });
}

/** Removes the quotes of each quoted part: `"a b"` → `a b`, `"x"'y'` → `xy`. */
function unquote(text: string): string {
  if (!/["']/.test(text)) return text;
  return text.replace(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g, (_, double?: string, single?: string) => (double !== undefined ? double.replace(/\\(["\\])/g, '$1') : (single ?? '')));
}

function flagsOf(node: AstInstruction): InstructionFlag[] {
  const withFlags = node as AstInstruction & { getFlags?: () => Flag[] };
  if (typeof withFlags.getFlags !== 'function') return [];
  return withFlags.getFlags().map((flag) => {
    const options: Record<string, string> = {};
    for (const option of flag.getOptions()) options[option.getName().toLowerCase()] = option.getValue() ?? '';
    return { name: flag.getName().toLowerCase(), value: flag.getValue(), options };
  });
}

function heredocsOf(node: AstInstruction, lines: string[]): HeredocBody[] {
  const withHeredocs = node as AstInstruction & { getHeredocs?: () => Heredoc[] };
  if (typeof withHeredocs.getHeredocs !== 'function') return [];
  return withHeredocs.getHeredocs().map((heredoc) => {
    const range = heredoc.getContentRange();
    return {
      name: heredoc.getName(),
      body: range ? lines.slice(range.start.line, range.end.line + 1).join('\n') : '',
      startLine: (range?.start.line ?? heredoc.getStartRange().start.line) + 1,
    };
  });
}

/** `["a", "b"]` → [a, b]; anything that is not a JSON array of strings is shell form. */
/**
 * The instruction's arguments as one line. dockerfile-ast keeps the line break of a blank (spaces
 * only) continuation line, which BuildKit skips like an empty one: `apk add curl \\`, `  `,
 * `git` is one command installing both. Outside a heredoc no other line break survives.
 */
function withoutBlankContinuations(node: AstInstruction): string {
  const args = node.getArgumentsContent() ?? '';
  if (!args.includes('\n')) return args;
  const withHeredocs = node as AstInstruction & { getHeredocs?: () => unknown[] };
  if (typeof withHeredocs.getHeredocs === 'function' && withHeredocs.getHeredocs().length > 0) return args;
  return args.replace(/\r?\n/g, '');
}

function parseExecForm(args: string): string[] | undefined {
  const trimmed = args.trim();
  if (!trimmed.startsWith('[')) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  } catch {
    /* not valid JSON: Docker runs it through the shell */
  }
  return undefined;
}

/** RUN ["sh", "-c", "script"] is still a shell script; other exec forms are one command. */
function execFormShell(exec: string[]): ReturnType<typeof parseShell> {
  const [program, flag, script] = exec;
  if (program && /(^|\/)(ba|da|a)?sh$/.test(program) && flag === '-c' && script !== undefined) return parseShell(script);
  const [name = '', ...rest] = exec;
  return { commands: name ? [{ name: name.replace(/^.*\//, ''), args: rest }] : [], hasPipe: false };
}

/**
 * The shell source of a RUN: the command line itself, plus heredoc bodies that are the script
 * (`RUN <<EOF` with nothing else). A heredoc fed to another program (`python3 <<EOF`) is data.
 */
function runShellSource(node: Run, args: string, lines: string[]): string {
  const heredocs = node.getHeredocs();
  if (heredocs.length === 0) return args;
  const firstLine = args.split('\n')[0] ?? '';
  const command = firstLine.replace(/<<-?\s*["']?[A-Za-z0-9_]+["']?/g, ' ').trim();
  const bodies = heredocs.map((heredoc) => {
    const range = heredoc.getContentRange();
    if (!range) return '';
    return lines.slice(range.start.line, range.end.line + 1).join('\n');
  });
  if (command === '' || /^(ba|da|a)?sh$/.test(command)) return bodies.join('\n');
  return command;
}

function onbuildInstruction(node: AstInstruction, args: string): Instruction | undefined {
  const match = /^\s*(\w+)\s*([\s\S]*)$/.exec(args);
  if (!match) return undefined;
  const [, keyword = '', afterKeyword = ''] = match;
  const range = toSourceRange(node.getRange());
  // `ONBUILD RUN --mount=type=cache,target=/root/.npm npm ci`: the trigger's flags come before its
  // command, as for RUN itself; left in, the mount would be taken for the program.
  const { flags, rest } = leadingFlags(afterKeyword);
  const inner: Instruction = { keyword: keyword.toUpperCase(), args: rest, words: rest.split(/\s+/).filter(Boolean), flags, range, stage: undefined };
  if (inner.keyword === 'RUN') inner.shell = parseShell(rest);
  return inner;
}

/** `--name=value` and `--name` words at the start of an instruction's arguments, split from the rest. */
function leadingFlags(text: string): { flags: InstructionFlag[]; rest: string } {
  const flags: InstructionFlag[] = [];
  let rest = text;
  for (let match = /^\s*--([A-Za-z][\w-]*)(?:=(\S*))?(?:\s+|$)/.exec(rest); match; match = /^\s*--([A-Za-z][\w-]*)(?:=(\S*))?(?:\s+|$)/.exec(rest)) {
    const value = match[2] ?? null;
    const options: Record<string, string> = {};
    for (const part of (value ?? '').split(',')) {
      const eq = part.indexOf('=');
      if (eq > 0) options[part.slice(0, eq).toLowerCase()] = part.slice(eq + 1);
    }
    flags.push({ name: (match[1] ?? '').toLowerCase(), value, options });
    rest = rest.slice(match[0].length);
  }
  return { flags, rest };
}

function argDeclarations(words: string[]): [string, string | undefined][] {
  return words.map((word) => {
    const eq = word.indexOf('=');
    return eq === -1 ? [word, undefined] : [word.slice(0, eq), stripQuotes(word.slice(eq + 1))];
  });
}

function stripQuotes(value: string): string {
  return value.replace(/^(["'])(.*)\1$/, '$2');
}

function baseImage(from: From, globalArgs: Record<string, string | undefined>, aliases: ReadonlySet<string>): BaseImage {
  const raw = from.getImage() ?? '';
  const resolved = raw.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}?/g, (whole, name: string, fallback?: string) => {
    const value = globalArgs[name];
    if (value !== undefined && value !== '') return value;
    return fallback ?? whole;
  });
  const isStage = aliases.has(resolved.toLowerCase());
  const { registry, name, tag, digest } = splitImage(resolved);
  return {
    raw,
    resolved,
    registry,
    name,
    tag,
    digest,
    isStage,
    isScratch: resolved.toLowerCase() === 'scratch',
    isDynamic: resolved.includes('$'),
  };
}

/** `registry:5000/team/app:1.2@sha256:…` → parts; a first segment is a registry when it looks like a host. */
export function splitImage(image: string): { registry?: string; name: string; tag?: string; digest?: string } {
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let registry: string | undefined;
  const slash = rest.indexOf('/');
  if (slash !== -1) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon !== -1) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { registry, name: rest, tag, digest };
}
