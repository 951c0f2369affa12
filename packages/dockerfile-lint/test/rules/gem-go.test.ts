import { describe, expect, it } from '@jest/globals';
import { lint, linesOf } from '../helpers.js';

describe('DL3028 pin gems', () => {
  const FROM = 'FROM ruby:3.3';
  it('fires on an unpinned gem, even after a flag without a value', () => {
    expect(linesOf('DL3028', [FROM, 'RUN gem install --no-document bundler'])).toEqual([2]);
  });
  it('accepts gem:version and -v', () => {
    expect(linesOf('DL3028', [FROM, 'RUN gem install bundler:2.5.3'])).toEqual([]);
    expect(linesOf('DL3028', [FROM, 'RUN gem install bundler -v 2.5.3'])).toEqual([]);
  });
  it('does not read the build options after `--` as gems', () => {
    expect(linesOf('DL3028', [FROM, 'RUN gem install bundler:2.0.1 -- --use-system-libraries true'])).toEqual([]);
    expect(linesOf('DL3028', [FROM, 'RUN gem install nokogiri -- --use-system-libraries true'])).toEqual([2]);
  });
});

describe('DL3062 pin go packages', () => {
  const FROM = 'FROM golang:1.23';
  it('fires on remote packages without a version or at latest', () => {
    expect(linesOf('DL3062', [FROM, 'RUN go install golang.org/x/tools/gopls'])).toEqual([2]);
    const findings = lint([FROM, 'RUN go install github.com/go-delve/delve/cmd/dlv@latest']).filter((f) => f.code === 'DL3062');
    expect(findings[0]?.range.startColumn).toBe(16);
  });
  it('accepts versions and local packages', () => {
    expect(linesOf('DL3062', [FROM, 'RUN go install golang.org/x/tools/gopls@v0.16.2'])).toEqual([]);
    expect(linesOf('DL3062', [FROM, 'RUN go install ./cmd/app && go run main.go --flag x'])).toEqual([]);
    expect(linesOf('DL3062', [FROM, 'RUN go build -o /out/app . && go install'])).toEqual([]);
  });
  it('only checks the package of go run, not its arguments', () => {
    expect(linesOf('DL3062', [FROM, 'RUN go run golang.org/x/tools/cmd/stringer@v0.26.0 example.com/not-a-package'])).toEqual([]);
  });
});
