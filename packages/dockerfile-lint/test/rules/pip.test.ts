import { describe, expect, it } from '@jest/globals';
import { lint, linesOf } from '../helpers.js';

const FROM = 'FROM python:3.12-slim';

describe('DL3013 pin pip packages', () => {
  it('covers `pipx install` with the same specifiers, and says pipx in the message', () => {
    const findings = lint([FROM, 'RUN pipx install --python python3.12 black==24.2.0 poetry']).filter((f) => f.code === 'DL3013');
    expect(findings.map((f) => [f.message, f.range.startColumn])).toEqual([['Pin the version of `poetry`: `pipx install poetry==<version>`', 52]]);
    expect(linesOf('DL3013', [FROM, 'RUN pipx install "ruff==0.4.1"'])).toEqual([]);
    // pipx has no pip cache flag: DL3042 is about pip only.
    expect(linesOf('DL3042', [FROM, 'RUN pipx install ruff==0.4.1'])).toEqual([]);
  });

  it('reports the unpinned package at its word', () => {
    const findings = lint([FROM, 'RUN pip install --no-cache-dir flask==3.0.3 requests']).filter((f) => f.code === 'DL3013');
    expect(findings.map((f) => [f.range.startColumn, f.range.endColumn])).toEqual([[45, 53]]);
  });
  it('accepts specifiers, requirement and constraint files, local paths, wheels and VCS refs', () => {
    for (const args of ['"flask>=3,<4"', '-r requirements.txt', '--requirement=req.txt', '-c constraints.txt flask', '.', './pkg', 'dist/app-1.0-py3-none-any.whl', 'git+https://github.com/org/repo@v1.2']) {
      expect(linesOf('DL3013', [FROM, `RUN pip install --no-cache-dir ${args}`])).toEqual([]);
    }
  });
  it('knows python -m pip', () => {
    expect(linesOf('DL3013', [FROM, 'RUN python3 -m pip install --no-cache-dir flask'])).toEqual([2]);
  });
  it('does not take the value of --root-user-action or other valued flags for a package', () => {
    expect(linesOf('DL3013', [FROM, "RUN pip install --no-cache-dir --root-user-action ignore 'uvicorn==0.30.6'"])).toEqual([]);
    expect(linesOf('DL3013', [FROM, 'RUN pip install --no-cache-dir --upgrade-strategy eager --timeout 60 flask==3'])).toEqual([]);
    const [finding] = lint([FROM, 'RUN pip install --no-cache-dir --root-user-action ignore uvicorn']).filter((f) => f.code === 'DL3013');
    expect(finding?.message).toContain('`uvicorn`');
  });
  it('does not take an index URL for a package', () => {
    expect(linesOf('DL3013', [FROM, 'RUN pip install --no-cache-dir -i https://pypi.example/simple flask==3'])).toEqual([]);
  });
});

describe('DL3042 pip --no-cache-dir', () => {
  it('fires when pip keeps its cache', () => {
    expect(linesOf('DL3042', [FROM, 'RUN pip install flask==3'])).toEqual([2]);
  });
  it('points at the pip install, not an apt-get install before it', () => {
    const [finding] = lint([FROM, 'RUN apt-get install -y x=1 && pip install flask==3']).filter((f) => f.code === 'DL3042');
    expect(finding?.range.startColumn).toBe(35);
  });
  it('accepts --no-cache-dir and PIP_NO_CACHE_DIR set by ENV, on the command, or exported', () => {
    expect(linesOf('DL3042', [FROM, 'RUN pip install --no-cache-dir flask==3'])).toEqual([]);
    expect(linesOf('DL3042', [FROM, 'ENV PIP_NO_CACHE_DIR=1', 'RUN pip install flask==3'])).toEqual([]);
    expect(linesOf('DL3042', [FROM, 'RUN PIP_NO_CACHE_DIR=true pip install flask==3'])).toEqual([]);
    expect(linesOf('DL3042', [FROM, 'RUN export PIP_NO_CACHE_DIR=1 && pip install flask==3'])).toEqual([]);
  });
  it('inherits ENV from the stage it is built FROM, not from unrelated stages', () => {
    expect(linesOf('DL3042', ['FROM python:3.12 AS base', 'ENV PIP_NO_CACHE_DIR=1', 'FROM base', 'RUN pip install flask==3'])).toEqual([]);
    expect(linesOf('DL3042', ['FROM python:3.12 AS a', 'ENV PIP_NO_CACHE_DIR=1', 'FROM python:3.12', 'RUN pip install flask==3'])).toEqual([4]);
  });
  it('accepts a cache mount on the pip cache, or --cache-dir into a mount', () => {
    expect(linesOf('DL3042', [FROM, 'RUN --mount=type=cache,target=/root/.cache/pip pip install flask==3'])).toEqual([]);
    expect(linesOf('DL3042', [FROM, 'RUN --mount=type=cache,target=/root/.cache pip install flask==3'])).toEqual([]);
    expect(linesOf('DL3042', [FROM, 'RUN --mount=type=cache,target=/pip-cache pip install --cache-dir /pip-cache flask==3'])).toEqual([]);
    expect(linesOf('DL3042', [FROM, 'RUN --mount=type=cache,target=/tmp/other pip install flask==3'])).toEqual([2]);
  });
  it('analyses heredoc RUNs', () => {
    expect(linesOf('DL3042', [FROM, 'RUN <<EOF', '# comments in the script do not hide later lines', 'pip install flask==3', 'EOF'])).toEqual([4]);
  });
});
