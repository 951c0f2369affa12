/**
 * A single-pass tokenizer for the shell source of RUN instructions. It replaces shell-quote here
 * because linting must stay within half of dockerfile-ast's parse time, and shell-quote's
 * regex-driven parse alone took most of that budget (see bench/results).
 *
 * Words come back with quotes removed and escapes applied; `$VAR`, `${VAR}` and backticks are kept
 * as written (nothing is expanded). `$(` opens a group like `(` so commands inside a command
 * substitution are seen too. A newline outside quotes ends a command like `;` does (heredoc
 * scripts are one command a line), unless the line ended with an operator such as `&&`.
 */
export type ShellToken = { word: string } | { op: string } | { comment: string };

const OPERATORS = ['&&', '||', ';;', '|&', '>>', '<<<', '<<', '&>', '>&', '<&', '>|', ';', '|', '&', '(', ')', '<', '>'];

export function tokenizeShell(source: string): ShellToken[] {
  const tokens: ShellToken[] = [];
  const n = source.length;
  let i = 0;
  let word = '';
  let inWord = false;
  const endWord = (): void => {
    if (inWord) tokens.push({ word });
    word = '';
    inWord = false;
  };

  while (i < n) {
    const c = source[i] as string;
    if (c === '\n') {
      endWord();
      const last = tokens[tokens.length - 1];
      if (last !== undefined && !('op' in last)) tokens.push({ op: ';' });
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      endWord();
      i++;
      continue;
    }
    if (c === '#' && !inWord) {
      const end = source.indexOf('\n', i);
      tokens.push({ comment: source.slice(i + 1, end === -1 ? n : end) });
      i = end === -1 ? n : end;
      continue;
    }
    if (c === '\\') {
      // Backslash-newline is a continuation; any other escaped character is literal.
      if (source[i + 1] === '\n' || (source[i + 1] === '\r' && source[i + 2] === '\n')) {
        i += source[i + 1] === '\n' ? 2 : 3;
        continue;
      }
      word += source[i + 1] ?? '';
      inWord = true;
      i += 2;
      continue;
    }
    if (c === "'") {
      const end = source.indexOf("'", i + 1);
      word += source.slice(i + 1, end === -1 ? n : end);
      inWord = true;
      i = end === -1 ? n : end + 1;
      continue;
    }
    if (c === '"') {
      i++;
      while (i < n && source[i] !== '"') {
        if (source[i] === '\\' && i + 1 < n && '"\\$`\n'.includes(source[i + 1] as string)) {
          if (source[i + 1] !== '\n') word += source[i + 1];
          i += 2;
          continue;
        }
        word += source[i];
        i++;
      }
      inWord = true;
      i++;
      continue;
    }
    if (c === '`') {
      const end = source.indexOf('`', i + 1);
      word += source.slice(i, end === -1 ? n : end + 1);
      inWord = true;
      i = end === -1 ? n : end + 1;
      continue;
    }
    if (c === '$' && source[i + 1] === '(' && source[i + 2] !== '(') {
      endWord();
      tokens.push({ op: '(' });
      i += 2;
      continue;
    }
    if (c === '$' && source[i + 1] === '{') {
      const end = source.indexOf('}', i + 2);
      word += source.slice(i, end === -1 ? n : end + 1);
      inWord = true;
      i = end === -1 ? n : end + 1;
      continue;
    }
    const op = operatorAt(source, i);
    if (op) {
      // `2>` and `2>&1`: a file-descriptor number belongs to the redirection, not the words.
      if ((op.startsWith('>') || op.startsWith('<')) && inWord && /^\d+$/.test(word)) {
        word = '';
        inWord = false;
      }
      endWord();
      tokens.push({ op });
      i += op.length;
      continue;
    }
    // A plain character: take it with the plain characters after it in one slice, which is most
    // of the source (building words a character at a time was much of the tokenizer's cost).
    let end = i + 1;
    while (end < n && !SPECIAL.has(source.charCodeAt(end))) end++;
    word += source.slice(i, end);
    inWord = true;
    i = end;
  }
  endWord();
  return tokens;
}

// Characters the loop above treats apart once inside a word (`#` is plain there).
const SPECIAL = new Set([...'\n \t\r\\\'"`$&|;()<>'].map((c) => c.charCodeAt(0)));

function operatorAt(source: string, i: number): string | undefined {
  const c = source[i] as string;
  if (!'&|;()<>'.includes(c)) return undefined;
  for (const op of OPERATORS) if (source.startsWith(op, i)) return op;
  return undefined;
}
