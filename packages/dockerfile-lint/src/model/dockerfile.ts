import type { SourceRange } from '../types.js';
import type { ShellScript } from './shell.js';

/** A flag on an instruction: `--mount=type=cache,target=/root/.npm` → name `mount`. */
export interface InstructionFlag {
  name: string;
  value: string | null;
  /** key=value options inside the value (`type=cache`, `target=…`), when it has them. */
  options: Record<string, string>;
}

export interface Instruction {
  /** Upper-case keyword: RUN, COPY, … */
  keyword: string;
  /** Arguments without flags, continuation lines joined. */
  args: string;
  /** Arguments split into words as Docker splits them. */
  words: string[];
  /** For RUN, COPY and ADD: the here-documents (`<<EOF … EOF`) they carry. */
  heredocs?: HeredocBody[];
  /** Where each of `words` is, same order (heredoc body words included). */
  wordRanges?: SourceRange[];
  /** For ENV, LABEL and ARG: the `name=value` pairs, quotes and escapes removed. */
  properties?: Property[];
  flags: InstructionFlag[];
  range: SourceRange;
  stage: Stage | undefined;
  /** For CMD/ENTRYPOINT/RUN/SHELL in exec (JSON) form: the parsed array. */
  execForm?: string[];
  /** For RUN (and ONBUILD RUN): the shell commands, heredoc bodies included. */
  shell?: ShellScript;
  /** For ONBUILD: the instruction it carries. */
  onbuild?: Instruction;
}

/** One `name=value` (or `name value`) pair of ENV, LABEL or ARG. */
export interface Property {
  name: string;
  /** `undefined` when there is no value at all (`ARG NAME`); `''` for `LABEL a=`. */
  value: string | undefined;
  range: SourceRange;
}

export interface HeredocBody {
  name: string;
  /** The lines between the opening and closing markers. */
  body: string;
  /** 1-based line of the body's first line. */
  startLine: number;
}

export interface BaseImage {
  /** As written, e.g. `${BASE}` or `docker.io/library/node:20@sha256:…`. */
  raw: string;
  /** The image with ARG defaults substituted where they are known. */
  resolved: string;
  registry?: string;
  name: string;
  tag?: string;
  digest?: string;
  /** The image is another stage of this Dockerfile. */
  isStage: boolean;
  isScratch: boolean;
  /** Still contains a variable after substitution. */
  isDynamic: boolean;
}

export interface Stage {
  index: number;
  alias?: string;
  from: Instruction;
  base: BaseImage;
  instructions: Instruction[];
}

export interface Comment {
  text: string;
  line: number;
}

/** Everything a rule may look at, built once per file. */
export interface DockerfileModel {
  file: string;
  text: string;
  lines: string[];
  instructions: Instruction[];
  stages: Stage[];
  comments: Comment[];
  /** Parser directives (`# syntax=`, `# escape=`, `# check=`). */
  directives: Record<string, string>;
  /** Global ARG defaults declared before the first FROM. */
  globalArgs: Record<string, string | undefined>;
  /** The .dockerignore that applies, when the caller knows; `null` when known to be absent. */
  dockerignore?: string | null;
  /** Whether a path exists in the build context (relative to its root), when the caller can tell. */
  contextHas?: (relativePath: string) => boolean;
}
