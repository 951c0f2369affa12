import { describe, expect, it } from '@jest/globals';
import { dockerignoreExcludes } from '../../src/rules/eks/dockerignore.js';

const excluded = (text: string, path: string) => dockerignoreExcludes(text, path);

// The cases of Docker's own .dockerignore documentation (build context reference), restated.
describe('.dockerignore as Docker documents it', () => {
  it('a leading slash and none mean the same path from the context root, and nothing else', () => {
    for (const pattern of ['/foo/bar', 'foo/bar']) {
      expect(excluded(pattern, 'foo/bar')).toBe(true);
      expect(excluded(pattern, 'foo/bar/inside.txt')).toBe(true);
      expect(excluded(pattern, 'bar')).toBe(false);
      expect(excluded(pattern, 'foo')).toBe(false);
      expect(excluded(pattern, 'other/foo/bar')).toBe(false);
    }
  });

  it('# starts a comment', () => {
    expect(excluded('# comment', 'comment')).toBe(false);
    expect(excluded('# comment', '# comment')).toBe(false);
  });

  it('*/temp* excludes names starting with temp one directory down, not at the root', () => {
    expect(excluded('*/temp*', 'somedir/temporary.txt')).toBe(true);
    expect(excluded('*/temp*', 'somedir/temp')).toBe(true);
    expect(excluded('*/temp*', 'temporary.txt')).toBe(false);
    expect(excluded('*/temp*', 'somedir/subdir/temporary.txt')).toBe(false);
  });

  it('*/*/temp* excludes them two directories down', () => {
    expect(excluded('*/*/temp*', 'somedir/subdir/temporary.txt')).toBe(true);
    expect(excluded('*/*/temp*', 'somedir/temporary.txt')).toBe(false);
  });

  it('temp? excludes a name of temp and one more character at the root', () => {
    expect(excluded('temp?', 'tempa')).toBe(true);
    expect(excluded('temp?', 'tempb')).toBe(true);
    expect(excluded('temp?', 'temp')).toBe(false);
    expect(excluded('temp?', 'tempab')).toBe(false);
    expect(excluded('temp?', 'dir/tempa')).toBe(false);
  });

  it('** matches any number of directories, none included', () => {
    expect(excluded('**/*.go', 'main.go')).toBe(true);
    expect(excluded('**/*.go', 'cmd/tool/main.go')).toBe(true);
    expect(excluded('**/*.go', 'main.gox')).toBe(false);
  });

  it('an exception re-includes what an earlier line excluded', () => {
    const text = '*.md\n!README.md\n';
    expect(excluded(text, 'CHANGELOG.md')).toBe(true);
    expect(excluded(text, 'README.md')).toBe(false);
  });

  it('the last line that matches decides', () => {
    const secretLast = '*.md\n!README*.md\nREADME-secret.md\n';
    expect(excluded(secretLast, 'README-secret.md')).toBe(true);
    expect(excluded(secretLast, 'README-public.md')).toBe(false);
    expect(excluded(secretLast, 'notes.md')).toBe(true);
    const exceptionLast = '*.md\nREADME-secret.md\n!README*.md\n';
    expect(excluded(exceptionLast, 'README-secret.md')).toBe(false);
    expect(excluded(exceptionLast, 'notes.md')).toBe(true);
  });

  it('* first, then exceptions: only what is named goes in', () => {
    const text = '*\n!src\n!package.json\n';
    expect(excluded(text, 'src/index.ts')).toBe(false);
    expect(excluded(text, 'package.json')).toBe(false);
    expect(excluded(text, '.git')).toBe(true);
    expect(excluded(text, 'node_modules/x/index.js')).toBe(true);
  });
});

// Go's filepath.Match, which Docker matches with.
describe('.dockerignore patterns by Go filepath.Match rules', () => {
  it('[ab] is a character class, [^ab] its complement, ranges included', () => {
    expect(excluded('k8s/[ab].yaml', 'k8s/a.yaml')).toBe(true);
    expect(excluded('k8s/[ab].yaml', 'k8s/b.yaml')).toBe(true);
    expect(excluded('k8s/[ab].yaml', 'k8s/c.yaml')).toBe(false);
    expect(excluded('k8s/[^ab].yaml', 'k8s/c.yaml')).toBe(true);
    expect(excluded('k8s/[^ab].yaml', 'k8s/a.yaml')).toBe(false);
    expect(excluded('log[0-9]', 'log7')).toBe(true);
    expect(excluded('log[0-9]', 'logx')).toBe(false);
  });

  it('! inside a class is a member, not a negation', () => {
    expect(excluded('x[!a]', 'x!')).toBe(true);
    expect(excluded('x[!a]', 'xa')).toBe(true);
    expect(excluded('x[!a]', 'xb')).toBe(false);
  });

  it('* and ? stop at a slash but match dotfiles', () => {
    expect(excluded('*', '.git')).toBe(true);
    expect(excluded('.*', '.env')).toBe(true);
    expect(excluded('a?c', 'a/c')).toBe(false);
    expect(excluded('a*c', 'a/b/c')).toBe(false);
  });

  it('a backslash escapes, and braces are literal', () => {
    expect(excluded('a\\*b', 'a*b')).toBe(true);
    expect(excluded('a\\*b', 'axb')).toBe(false);
    expect(excluded('{a,b}', 'a')).toBe(false);
    expect(excluded('{a,b}', '{a,b}')).toBe(true);
  });

  it('patterns are cleaned: ./, trailing slashes and .. segments', () => {
    expect(excluded('./.git/', '.git')).toBe(true);
    expect(excluded('build/../.git', '.git')).toBe(true);
    expect(excluded('.git//', '.git/HEAD')).toBe(true);
    expect(excluded('   \n\t\n', '.git')).toBe(false);
  });
});
