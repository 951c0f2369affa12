import { describe, expect, it } from '@jest/globals';
import { lint, linesOf } from '../helpers.js';

const FROM = 'FROM debian:12';

describe('DL3008 pin apt-get packages', () => {
  it('reports each unpinned package at its own word, on continuation lines too', () => {
    const findings = lint([FROM, 'RUN apt-get update && apt-get install -y --no-install-recommends \\', '      curl=7.88.1-10 \\', '      git \\', '    && rm -rf /var/lib/apt/lists/*']).filter((f) => f.code === 'DL3008');
    expect(findings).toHaveLength(1);
    expect(findings[0]?.range).toEqual({ startLine: 4, startColumn: 7, endLine: 4, endColumn: 10 });
    expect(findings[0]?.message).toContain('`git`');
  });
  it('accepts versions, target releases, .deb files and variables', () => {
    expect(linesOf('DL3008', [FROM, 'RUN apt-get install -y curl=1.2 git/bookworm-backports ./x.deb $PACKAGES'])).toEqual([]);
  });
  it('does not mistake option values for packages', () => {
    expect(linesOf('DL3008', [FROM, 'RUN apt-get -o Dpkg::Options::=--force-confold install -y -t bookworm curl=1'])).toEqual([]);
  });
  it('checks heredoc scripts', () => {
    expect(linesOf('DL3008', [FROM, 'RUN <<EOF', 'set -e', 'apt-get install -y jq', 'EOF'])).toEqual([4]);
    expect(linesOf('DL3008', [FROM, 'RUN <<EOF', '# tools', 'apt-get install -y jq', 'EOF'])).toEqual([4]);
  });
  it('checks ONBUILD RUN', () => {
    expect(linesOf('DL3008', [FROM, 'ONBUILD RUN apt-get install -y jq'])).toEqual([2]);
  });
});

describe('DL3009 apt lists', () => {
  it('fires when the lists stay in the layer', () => {
    expect(linesOf('DL3009', [FROM, 'RUN apt-get update && apt-get install -y curl=1'])).toEqual([2]);
  });
  it('is satisfied by removing the lists in the same RUN', () => {
    expect(linesOf('DL3009', [FROM, 'RUN apt-get update && apt-get install -y curl=1 && rm -rf /var/lib/apt/lists/*'])).toEqual([]);
  });
  it('is satisfied by a cache or tmpfs mount holding the lists', () => {
    expect(linesOf('DL3009', [FROM, 'RUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y curl=1'])).toEqual([]);
    expect(linesOf('DL3009', [FROM, 'RUN --mount=type=cache,target=/var/lib/apt/lists,sharing=locked apt-get update'])).toEqual([]);
    expect(linesOf('DL3009', [FROM, 'RUN --mount=type=tmpfs,target=/var/lib/apt/lists apt-get update'])).toEqual([]);
  });
  it('is not satisfied by a cache mount of /var/cache/apt alone, which does not hold the lists', () => {
    expect(linesOf('DL3009', [FROM, 'RUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y curl=1'])).toEqual([2]);
  });
  it('is not satisfied by a bind mount', () => {
    expect(linesOf('DL3009', [FROM, 'RUN --mount=type=bind,target=/var/lib/apt/lists apt-get update'])).toEqual([2]);
  });
  it('ignores build stages that are only copied from', () => {
    const file = ['FROM debian:12 AS build', 'RUN apt-get update && apt-get install -y gcc=1', 'FROM debian:12', 'COPY --from=build /out /out'];
    expect(linesOf('DL3009', file)).toEqual([]);
  });
  it('checks stages the final image is built FROM', () => {
    const file = ['FROM debian:12 AS base', 'RUN apt-get update', 'FROM base', 'CMD ["x"]'];
    expect(linesOf('DL3009', file)).toEqual([2]);
  });
});

describe('DL3014 apt-get -y', () => {
  it('fires without a yes switch', () => {
    expect(linesOf('DL3014', [FROM, 'RUN apt-get update && apt-get install curl=1'])).toEqual([2]);
  });
  it('points at the install, not an earlier apt-get', () => {
    const [finding] = lint([FROM, 'RUN apt-get update && apt-get install curl=1']).filter((f) => f.code === 'DL3014');
    expect(finding?.range).toMatchObject({ startLine: 2, startColumn: 31, endColumn: 38 });
  });
  it('accepts -y, --yes, -qy, -qq and -q -q', () => {
    for (const flags of ['-y', '--yes', '-qy', '-qq', '-q -q', '--assume-yes', '-q=2']) {
      expect(linesOf('DL3014', [FROM, `RUN apt-get install ${flags} curl=1`])).toEqual([]);
    }
  });
});

describe('DL3015 --no-install-recommends', () => {
  it('fires without it', () => {
    expect(linesOf('DL3015', [FROM, 'RUN apt-get install -y curl=1'])).toEqual([2]);
  });
  it('accepts the flag or the apt option', () => {
    expect(linesOf('DL3015', [FROM, 'RUN apt-get install -y --no-install-recommends curl=1'])).toEqual([]);
    expect(linesOf('DL3015', [FROM, 'RUN apt-get install -y -o APT::Install-Recommends=false curl=1'])).toEqual([]);
  });
});

describe('DL3008 positions', () => {
  it('points at each package where it is written, also before a `;` and when the name comes back later', () => {
    const file = [FROM, 'RUN set -eux; \\', '  apt-get install -y gcc make; \\', '  make install; \\', '  apt-get install -y make'];
    const found = lint(file).filter((f) => f.code === 'DL3008');
    expect(found.map((f) => `${f.message.match(/`([^`]+)`/)?.[1]}@${f.range.startLine}:${f.range.startColumn}`)).toEqual(['gcc@3:22', 'make@3:26', 'make@5:22']);
  });
});

describe('DL3014 and DL3015 in a RUN with several apt-get installs', () => {
  const run = [FROM, 'RUN apt-get update && apt-get install -y --no-install-recommends curl=1 \\', '  && apt-get install wget=2'];
  it('point at the install that lacks the switch, not the first one', () => {
    for (const code of ['DL3014', 'DL3015']) {
      const found = lint(run).filter((f) => f.code === code);
      expect(found.map((f) => f.range)).toEqual([expect.objectContaining({ startLine: 3, startColumn: 14 })]);
    }
  });
});

describe('DL3027 apt', () => {
  it('fires on apt', () => {
    expect(linesOf('DL3027', [FROM, 'RUN apt install -y curl=1'])).toEqual([2]);
  });
  it('leaves apt-get and apt-cache alone', () => {
    expect(linesOf('DL3027', [FROM, 'RUN apt-get install -y curl=1 && apt-cache policy curl'])).toEqual([]);
  });
});
