import { describe, expect, it } from '@jest/globals';
import { tokenizeShell } from '../src/model/shell-tokens.js';

const words = (source: string): string[] => tokenizeShell(source).map((t) => ('word' in t ? t.word : 'op' in t ? `<${t.op}>` : `#${t.comment}`));

describe('tokenizeShell', () => {
  it('splits commands on operators', () => {
    expect(words('a && b || c; d | e & f')).toEqual(['a', '<&&>', 'b', '<||>', 'c', '<;>', 'd', '<|>', 'e', '<&>', 'f']);
  });
  it('removes quotes and applies escapes, keeping variables as written', () => {
    expect(words(`echo "a b" 'c $d' e\\ f "$HOME" \${X:-y} "q\\"q"`)).toEqual(['echo', 'a b', 'c $d', 'e f', '$HOME', '${X:-y}', 'q"q']);
  });
  it('treats command substitution as a group so inner commands are visible', () => {
    expect(words('echo $(apt-get install x) `date`')).toEqual(['echo', '<(>', 'apt-get', 'install', 'x', '<)>', '`date`']);
  });
  it('keeps redirection targets apart from the words and drops fd numbers', () => {
    expect(words('cmd 2>/dev/null >>log <in 2>&1')).toEqual(['cmd', '<>>', '/dev/null', '<>>>', 'log', '<<>', 'in', '<>&>', '1']);
  });
  it('reads a comment only at the start of a word', () => {
    expect(words('echo a#b # rest')).toEqual(['echo', 'a#b', '# rest']);
  });
  it('ends a command at a newline unless the line ended with an operator', () => {
    expect(words('apt-get update\napt-get install -y x')).toEqual(['apt-get', 'update', '<;>', 'apt-get', 'install', '-y', 'x']);
    expect(words('a &&\n  b')).toEqual(['a', '<&&>', 'b']);
    expect(words('echo "a\nb"')).toEqual(['echo', 'a\nb']);
  });
  it('joins backslash-newline continuations', () => {
    expect(words('apt-get install \\\n  curl')).toEqual(['apt-get', 'install', 'curl']);
  });
  it('survives unbalanced quotes', () => {
    expect(words('echo "open')).toEqual(['echo', 'open']);
    expect(words("echo 'open")).toEqual(['echo', 'open']);
  });
});
