import { parse } from 'shell-quote';

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
  for (const token of tokenize(source)) {
    if (typeof token === 'string') {
      current.push(token);
      continue;
    }
    if ('op' in token) {
      if (token.op === 'glob' && 'pattern' in token) {
        current.push(String(token.pattern));
        continue;
      }
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

type Token = ReturnType<typeof parse>[number];

function tokenize(source: string): Token[] {
  // Line continuations join lines; other newlines end commands like `;` does.
  const normalized = handleHashes(source).replace(/\\\r?\n/g, ' ').replace(/\r?\n/g, ' ; ');
  try {
    return parse(normalized, (key) => `$${key}`);
  } catch {
    // An unbalanced quote: fall back to words, which is still useful for most rules.
    return normalized.split(/\s+/).filter(Boolean);
  }
}

/**
 * In a shell, `#` starts a comment only at the start of a word, and the comment ends with its
 * line. shell-quote takes `#` mid-word (`repo.git#v1.2`) for a comment too, and once lines are
 * joined a comment would swallow the rest of a heredoc script. So comments are dropped here, line
 * by line, and mid-word hashes escaped.
 */
function handleHashes(source: string): string {
  if (!source.includes('#')) return source;
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < source.length; i++) {
    const c = source[i] ?? '';
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"') {
        out += c + (source[++i] ?? '');
        continue;
      }
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '\\') {
      out += c + (source[++i] ?? '');
      continue;
    } else if (c === '#' && i > 0 && !/[\s;&|()<>]/.test(source[i - 1] ?? '')) {
      out += '\\#';
      continue;
    } else if (c === '#') {
      while (i + 1 < source.length && source[i + 1] !== '\n') i++;
      continue;
    }
    out += c;
  }
  return out;
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

/** Words of a command that are not flags, e.g. the packages of an install. */
export function positionalArgs(args: string[], flagsWithValue: ReadonlySet<string> = new Set()): string[] {
  const result: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg.startsWith('-')) {
      if (flagsWithValue.has(arg)) i++;
      continue;
    }
    if (/^[<>]|^\d?>/.test(arg)) {
      i++;
      continue;
    }
    result.push(arg);
  }
  return result;
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
