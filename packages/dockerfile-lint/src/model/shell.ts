import { tokenizeShell } from './shell-tokens.js';

/** One simple command inside a RUN: `apt-get install -y curl` → name `apt-get`, args [...]. */
export interface ShellCommand {
  name: string;
  args: string[];
  /** Operator that joins this command to the previous one (`&&`, `||`, `;`, `|`), if any. */
  joinedBy?: string;
  /** Prefix words that were skipped to find `name`: `sudo`, `env`, `xargs` … */
  wrappers?: string[];
  /** `NAME=value` words written before the command (`PIP_NO_CACHE_DIR=1 pip install …`). */
  assignments?: string[];
}

export interface ShellScript {
  commands: ShellCommand[];
  /** Whether any command's output is piped into another. */
  hasPipe: boolean;
}

const SEPARATORS = new Set(['&&', '||', ';', '|', '&', ';;', '(', ')', '|&']);
// Words that prefix the real command without changing what it is.
const WRAPPERS = new Set(['sudo', 'command', 'exec', 'nohup', 'time', 'xargs', 'env']);

/**
 * Splits shell source into simple commands. Not a full shell: enough to see which programs run
 * with which words, across `&&`, `;`, pipes, subshells and heredoc bodies. Variables are kept as
 * written, never expanded.
 */
export function parseShell(source: string): ShellScript {
  const commands: ShellCommand[] = [];
  let hasPipe = false;
  let current: string[] = [];
  let pendingJoin: string | undefined;
  const flush = (): void => {
    const words = stripAssignments(current);
    if (words.length > 0) {
      commands.push(toCommand(words, pendingJoin, current.slice(0, current.length - words.length)));
      pendingJoin = undefined;
    }
    current = [];
  };
  for (const token of tokenizeShell(source)) {
    if ('word' in token) {
      current.push(token.word);
      continue;
    }
    if ('op' in token) {
      if (SEPARATORS.has(token.op)) {
        if (token.op === '|' || token.op === '|&') hasPipe = true;
        flush();
        pendingJoin = token.op;
        continue;
      }
      // Redirections: the next word is a file, not an argument.
      current.push(token.op);
      continue;
    }
    // Comment: ends this command.
    flush();
  }
  flush();
  return { commands, hasPipe };
}

function stripAssignments(words: string[]): string[] {
  let i = 0;
  while (i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i] ?? '')) i++;
  return words.slice(i);
}

function toCommand(words: string[], joinedBy: string | undefined, assignments: string[]): ShellCommand {
  let rest = words;
  const wrappers: string[] = [];
  while (rest.length > 1 && WRAPPERS.has(rest[0] ?? '')) {
    wrappers.push(rest[0] ?? '');
    rest = rest.slice(1);
    // Skip the wrapper's own flags and `env` assignments (`sudo -u app`, `env A=1 cmd`).
    while (rest.length > 1 && /^-|^[A-Za-z_][A-Za-z0-9_]*=/.test(rest[0] ?? '')) {
      if (!rest[0]?.startsWith('-')) assignments = [...assignments, rest[0] ?? ''];
      rest = rest.slice(1);
    }
  }
  const [name = '', ...args] = rest;
  const command: ShellCommand = { name: name.replace(/^.*\//, ''), args, joinedBy };
  if (wrappers.length > 0) command.wrappers = wrappers;
  if (assignments.length > 0) command.assignments = assignments;
  return command;
}

const NO_VALUE_FLAGS: ReadonlySet<string> = new Set();

/** Words of a command that are not flags, e.g. the packages of an install. */
export function positionalArgs(args: string[], flagsWithValue: ReadonlySet<string> = NO_VALUE_FLAGS): string[] {
  const result: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg.startsWith('-')) {
      if (flagsWithValue.has(arg)) i++;
      continue;
    }
    if (isRedirection(arg)) {
      i++;
      continue;
    }
    result.push(arg);
  }
  return result;
}

/** `<`, `>`, `>>`, `2>`: the next word is a file. Character tests, as this runs for every word. */
function isRedirection(arg: string): boolean {
  const first = arg.charCodeAt(0);
  if (first === 60 /* < */ || first === 62 /* > */) return true;
  return first >= 48 && first <= 57 /* a digit */ && arg.charCodeAt(1) === 62;
}

/** Whether any of `flags` is present, including in combined short form (`-qy` has `-y`). */
export function hasFlag(args: string[], ...flags: string[]): boolean {
  return args.some((arg) => {
    if (flags.includes(arg)) return true;
    if (arg.startsWith('--') && flags.some((f) => f.startsWith('--') && arg.startsWith(`${f}=`))) return true;
    if (/^-[A-Za-z]{2,}$/.test(arg)) {
      return flags.some((f) => /^-[A-Za-z]$/.test(f) && arg.includes(f.slice(1)));
    }
    return false;
  });
}
