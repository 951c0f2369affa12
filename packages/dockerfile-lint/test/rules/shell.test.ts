import { describe, expect, it } from '@jest/globals';
import { lint, linesOf } from '../helpers.js';

const FROM = 'FROM debian:12';

describe('DL3001 pointless commands', () => {
  it('fires on ssh, vim, service …', () => {
    expect(linesOf('DL3001', [FROM, 'RUN service nginx start'])).toEqual([2]);
    expect(linesOf('DL3001', [FROM, 'RUN echo ok && vim /etc/x'])).toEqual([2]);
  });
  it('leaves other commands and arguments alone', () => {
    expect(linesOf('DL3001', [FROM, 'RUN echo ps top kill'])).toEqual([]);
  });
});

describe('DL3003 cd', () => {
  it('fires on cd and points at it', () => {
    const [finding] = lint([FROM, 'RUN mkdir /x && cd /x && make']).filter((f) => f.code === 'DL3003');
    expect(finding?.range).toMatchObject({ startLine: 2, startColumn: 17, endColumn: 19 });
  });
  it('does not fire without cd', () => {
    expect(linesOf('DL3003', [FROM, 'WORKDIR /x', 'RUN make'])).toEqual([]);
  });
});

describe('DL3004 sudo', () => {
  it('fires on sudo, also as a prefix inside a heredoc', () => {
    expect(linesOf('DL3004', [FROM, 'RUN sudo apt-get install -y x=1'])).toEqual([2]);
    // In a heredoc the finding points into the body.
    expect(linesOf('DL3004', [FROM, 'RUN <<EOF', 'sudo -u app make', 'EOF'])).toEqual([3]);
  });
  it('does not fire on a word containing sudo', () => {
    expect(linesOf('DL3004', [FROM, 'RUN echo pseudo'])).toEqual([]);
  });
});

describe('DL3046 useradd -l', () => {
  it('fires on a long UID without -l', () => {
    expect(linesOf('DL3046', [FROM, 'RUN useradd -u 1000000 app'])).toEqual([2]);
    expect(linesOf('DL3046', [FROM, 'RUN useradd --uid=1000000 app'])).toEqual([2]);
  });
  it('accepts -l, --no-log-init or a short UID', () => {
    expect(linesOf('DL3046', [FROM, 'RUN useradd -l -u 1000000 app'])).toEqual([]);
    expect(linesOf('DL3046', [FROM, 'RUN useradd --no-log-init -u 1000000 app'])).toEqual([]);
    expect(linesOf('DL3046', [FROM, 'RUN useradd -u 10001 app'])).toEqual([]);
  });
});

describe('DL3047 wget progress', () => {
  it('fires on a plain wget', () => {
    expect(linesOf('DL3047', [FROM, 'RUN wget https://example.com/x.tgz'])).toEqual([2]);
    expect(linesOf('DL3047', [FROM, 'RUN wget -O /tmp/x https://example.com/x.tgz'])).toEqual([2]);
  });
  it('accepts --progress, -q, -qO-, -nv and log files', () => {
    for (const flags of ['--progress=dot:giga', '-q', '-qO-', '-nv', '--no-verbose', '-o /tmp/log', '--quiet']) {
      expect(linesOf('DL3047', [FROM, `RUN wget ${flags} https://example.com/x.tgz`])).toEqual([]);
    }
  });
});

describe('DL4001 wget and curl', () => {
  it('fires where the second tool appears in a stage', () => {
    expect(linesOf('DL4001', [FROM, 'RUN wget -q https://a', 'RUN echo', 'RUN curl -fsSL https://b'])).toEqual([4]);
  });
  it('counts per stage', () => {
    expect(linesOf('DL4001', ['FROM a:1 AS one', 'RUN wget -q https://a', 'FROM b:1', 'RUN curl -fsSL https://b'])).toEqual([]);
  });
});

describe('DL4005 ln /bin/sh', () => {
  it('fires when relinking /bin/sh', () => {
    expect(linesOf('DL4005', [FROM, 'RUN ln -sf /bin/bash /bin/sh'])).toEqual([2]);
  });
  it('leaves other links alone', () => {
    expect(linesOf('DL4005', [FROM, 'RUN ln -s /opt/app/bin/app /usr/local/bin/app'])).toEqual([]);
  });
});

describe('DL4006 pipefail', () => {
  it('fires on a pipe without pipefail', () => {
    expect(linesOf('DL4006', [FROM, 'RUN curl -fsSL https://x | sh'])).toEqual([2]);
  });
  it('accepts SHELL with -o pipefail, also inherited from the base stage', () => {
    const shell = 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]';
    expect(linesOf('DL4006', [FROM, shell, 'RUN curl -fsSL https://x | sh'])).toEqual([]);
    expect(linesOf('DL4006', ['FROM debian:12 AS base', shell, 'FROM base', 'RUN curl -fsSL https://x | sh'])).toEqual([]);
  });
  it('accepts set -o pipefail inside a heredoc script', () => {
    expect(linesOf('DL4006', [FROM, 'RUN <<EOF', 'set -euo pipefail', 'curl -fsSL https://x | sh', 'EOF'])).toEqual([]);
  });
  it('does not take || for a pipe', () => {
    expect(linesOf('DL4006', [FROM, 'RUN test -f x || touch x'])).toEqual([]);
  });
});
