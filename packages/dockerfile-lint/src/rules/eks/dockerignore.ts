/** A `.dockerignore` pattern as a regular expression over context-relative paths. */
function patternToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] ?? '';
    if (char === '*') {
      if (pattern[i + 1] === '*') {
        source += '.*';
        i++;
        if (pattern[i + 1] === '/') i++;
      } else source += '[^/]*';
    } else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // A pattern that matches a directory excludes everything inside it.
  return new RegExp(`^${source}(/.*)?$`);
}

/**
 * Whether the `.dockerignore` text excludes `path` (relative to the context), following the
 * file's rules: patterns in order, the last match wins, `!` re-includes.
 */
export function dockerignoreExcludes(text: string, path: string): boolean {
  let excluded = false;
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1).trim();
    line = line.replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '');
    if (line === '') continue;
    if (patternToRegExp(line).test(path)) excluded = !negate;
  }
  return excluded;
}
