import { describe, expect, it } from '@jest/globals';
import { lint, linesOf } from '../helpers.js';

const FROM = 'FROM debian:12';

describe('DL3000 absolute WORKDIR', () => {
  it('fires on a relative WORKDIR', () => {
    expect(linesOf('DL3000', [FROM, 'WORKDIR app'])).toEqual([2]);
  });
  it('accepts absolute paths, variables, quotes and Windows drives', () => {
    expect(linesOf('DL3000', [FROM, 'WORKDIR /app', 'WORKDIR $HOME/app', 'WORKDIR "/srv/my app"', 'WORKDIR C:\\\\app'])).toEqual([]);
  });
});

describe('DL3002 last USER root', () => {
  it('fires when the final image runs as root', () => {
    expect(linesOf('DL3002', [FROM, 'USER app', 'USER root'])).toEqual([3]);
    expect(linesOf('DL3002', [FROM, 'USER 0:0'])).toEqual([2]);
  });
  it('follows the final stage back to the stage it is built FROM', () => {
    expect(linesOf('DL3002', ['FROM debian:12 AS base', 'USER root', 'FROM base', 'CMD ["x"]'])).toEqual([2]);
  });
  it('ignores build stages and a later non-root USER', () => {
    expect(linesOf('DL3002', ['FROM debian:12 AS build', 'USER root', 'FROM debian:12', 'USER 10001'])).toEqual([]);
    expect(linesOf('DL3002', [FROM, 'USER root', 'RUN make', 'USER app'])).toEqual([]);
  });
});

describe('DL3010 ADD archives', () => {
  it('fires on COPY of an archive a later RUN unpacks', () => {
    expect(linesOf('DL3010', [FROM, 'COPY app.tar.gz /tmp/', 'RUN tar -xzf /tmp/app.tar.gz -C /opt'])).toEqual([2]);
    expect(linesOf('DL3010', [FROM, 'COPY dist.zip /tmp/dist.zip', 'RUN unzip /tmp/dist.zip'])).toEqual([]);
  });
  it('does not fire when the archive is not unpacked', () => {
    expect(linesOf('DL3010', [FROM, 'COPY app.tar.gz /srv/', 'RUN ls /srv'])).toEqual([]);
  });
});

describe('DL3011 port range', () => {
  it('fires on ports above 65535, at the port', () => {
    const [finding] = lint([FROM, 'EXPOSE 80 70000/udp']).filter((f) => f.code === 'DL3011');
    expect(finding?.range).toMatchObject({ startLine: 2, startColumn: 11, endColumn: 20 });
    expect(linesOf('DL3011', [FROM, 'EXPOSE 8000-70000'])).toEqual([2]);
  });
  it('accepts valid ports, ranges and variables', () => {
    expect(linesOf('DL3011', [FROM, 'EXPOSE 80/tcp 443 8000-8100 $PORT'])).toEqual([]);
  });
});

describe('DL3012, DL4003, DL4004 one per stage', () => {
  it('fires on the second HEALTHCHECK, CMD and ENTRYPOINT of a stage', () => {
    const file = [FROM, 'HEALTHCHECK CMD ["true"]', 'HEALTHCHECK NONE', 'CMD ["a"]', 'CMD ["b"]', 'ENTRYPOINT ["a"]', 'ENTRYPOINT ["b"]'];
    expect(linesOf('DL3012', file)).toEqual([3]);
    expect(linesOf('DL4003', file)).toEqual([5]);
    expect(linesOf('DL4004', file)).toEqual([7]);
  });
  it('counts per stage', () => {
    const file = ['FROM a:1 AS one', 'CMD ["a"]', 'ENTRYPOINT ["a"]', 'HEALTHCHECK NONE', 'FROM b:1', 'CMD ["b"]', 'ENTRYPOINT ["b"]', 'HEALTHCHECK NONE'];
    expect([...linesOf('DL3012', file), ...linesOf('DL4003', file), ...linesOf('DL4004', file)]).toEqual([]);
  });
});

describe('DL3020 COPY instead of ADD', () => {
  it('fires on ADD of plain files, at the file', () => {
    const [finding] = lint([FROM, 'ADD app.tar.gz config.yaml /app/']).filter((f) => f.code === 'DL3020');
    expect(finding?.range).toMatchObject({ startColumn: 16, endColumn: 27 });
  });
  it('accepts URLs, archives, git sources, variables and heredocs', () => {
    const file = [FROM, 'ADD https://example.com/x.bin /x', 'ADD app.tgz /app/', 'ADD git@github.com:org/repo.git /src', 'ADD --checksum=sha256:abc https://e.com/y /y', 'ADD $SRC /x', 'ADD <<EOF /etc/motd', 'hi', 'EOF'];
    expect(linesOf('DL3020', file)).toEqual([]);
  });
});

describe('DL3021 COPY destination slash', () => {
  it('fires on several sources into a path without /', () => {
    expect(linesOf('DL3021', [FROM, 'COPY a b /app'])).toEqual([2]);
    expect(linesOf('DL3021', [FROM, 'COPY ["a", "b", "/app"]'])).toEqual([2]);
  });
  it('accepts a trailing slash, one source, flags and heredocs', () => {
    expect(linesOf('DL3021', [FROM, 'COPY --link --chmod=644 a b /app/', 'COPY a /app', 'COPY <<EOF /etc/app.conf', 'x=1', 'EOF'])).toEqual([]);
  });
  it('leaves `COPY --from build /a /b` to EK0005: BuildKit refuses it, one problem, one finding', () => {
    const findings = lint(['FROM golang:1.23 AS build', FROM, 'COPY --from build /out/app /app']).filter((f) => f.range.startLine === 3);
    expect(findings.map((f) => f.code)).toEqual(['EK0005']);
  });
});

describe('DL3025 JSON CMD and ENTRYPOINT', () => {
  it('fires on shell form', () => {
    expect(linesOf('DL3025', [FROM, 'CMD node server.js', 'ENTRYPOINT /entrypoint.sh', 'HEALTHCHECK CMD curl -f http://localhost/'])).toEqual([2, 3, 4]);
  });
  it('accepts exec form', () => {
    expect(linesOf('DL3025', [FROM, 'CMD ["node", "server.js"]', 'ENTRYPOINT ["/entrypoint.sh"]', 'HEALTHCHECK --interval=30s CMD ["curl", "-f", "http://localhost/"]', 'HEALTHCHECK NONE'])).toEqual([]);
  });
});

describe('DL3043 ONBUILD triggers', () => {
  it('fires on ONBUILD FROM, MAINTAINER and ONBUILD', () => {
    expect(linesOf('DL3043', [FROM, 'ONBUILD FROM debian:12', 'ONBUILD MAINTAINER me', 'ONBUILD ONBUILD RUN x'])).toEqual([2, 3, 4]);
  });
  it('accepts other triggers', () => {
    expect(linesOf('DL3043', [FROM, 'ONBUILD COPY . /app', 'ONBUILD RUN make'])).toEqual([]);
  });
});

describe('DL3044 ENV self reference', () => {
  it('fires on a reference to a name the same ENV defines, at the pair that uses it', () => {
    const [finding] = lint([FROM, 'ENV APP=/app BIN=${APP}/bin']).filter((f) => f.code === 'DL3044');
    expect(finding?.range).toMatchObject({ startLine: 2, startColumn: 14 });
    expect(linesOf('DL3044', [FROM, 'ENV A=1 B=$A'])).toEqual([2]);
  });
  it('accepts names defined before, other names, and its own old value', () => {
    expect(linesOf('DL3044', [FROM, 'ENV A=1', 'ENV A=2 B=$A'])).toEqual([]);
    expect(linesOf('DL3044', [FROM, 'ARG V', 'ENV V=$V W=$V'])).toEqual([]);
    expect(linesOf('DL3044', [FROM, 'ENV PATH=/opt/bin:$PATH A=$APATH'])).toEqual([]);
  });
  it('reads ${NAME:-default} as a reference, a longer name as another name, and finds a user before or after', () => {
    expect(linesOf('DL3044', [FROM, 'ENV HOME_DIR=/srv LOG=${HOME_DIR:-/tmp}/log'])).toEqual([2]);
    expect(linesOf('DL3044', [FROM, 'ENV A=1 B=${AB} C=$A_B'])).toEqual([]);
    expect(linesOf('DL3044', [FROM, 'ENV B=$A A=1'])).toEqual([2]);
  });
});

describe('DL3045 COPY to a relative destination', () => {
  it('fires without WORKDIR', () => {
    expect(linesOf('DL3045', [FROM, 'COPY app.js .'])).toEqual([2]);
    expect(linesOf('DL3045', [FROM, 'COPY <<EOF app.conf', 'x', 'EOF'])).toEqual([2]);
  });
  it('accepts absolute destinations, variables and a WORKDIR, also inherited from the base stage', () => {
    expect(linesOf('DL3045', [FROM, 'COPY app.js /app/', 'COPY x $APP_HOME/', 'WORKDIR /app', 'COPY y .'])).toEqual([]);
    expect(linesOf('DL3045', ['FROM debian:12 AS base', 'WORKDIR /app', 'FROM base', 'COPY x .'])).toEqual([]);
  });
});

describe('DL3057 HEALTHCHECK missing (off by default)', () => {
  const file = ['FROM debian:12 AS build', 'RUN make', 'FROM debian:12', 'CMD ["x"]'];
  it('is off by default', () => {
    expect(linesOf('DL3057', file)).toEqual([]);
  });
  it('when enabled, reports the final stage only', () => {
    expect(linesOf('DL3057', file, { config: { enabled: new Set(['DL3057']) } })).toEqual([3]);
  });
  it('when enabled, accepts a HEALTHCHECK in the final image', () => {
    expect(linesOf('DL3057', [...file, 'HEALTHCHECK CMD ["true"]'], { config: { enabled: new Set(['DL3057']) } })).toEqual([]);
  });
});

describe('DL3061 instruction order', () => {
  it('fires on instructions before the first FROM other than ARG', () => {
    expect(linesOf('DL3061', ['LABEL a=b', 'FROM debian:12'])).toEqual([1]);
  });
  it('accepts directives, comments and ARG first', () => {
    expect(linesOf('DL3061', ['# syntax=docker/dockerfile:1', '# check=error=true', '# a comment', 'ARG BASE=debian:12', 'FROM ${BASE}', 'RUN make'])).toEqual([]);
  });
});

describe('DL3064 sensitive ARG and ENV', () => {
  it('fires on names that hold secrets', () => {
    expect(linesOf('DL3064', [FROM, 'ARG NPM_TOKEN', 'ENV DB_PASSWORD=x', 'ENV AWS_SECRET_ACCESS_KEY=y'])).toEqual([2, 3, 4]);
  });
  it('leaves ordinary names and secret file paths alone', () => {
    expect(linesOf('DL3064', [FROM, 'ARG VERSION', 'ENV DB_PASSWORD_FILE=/run/secrets/db NODE_ENV=production'])).toEqual([]);
  });
});

describe('DL3066 numeric USER', () => {
  it('fires on a user name', () => {
    expect(linesOf('DL3066', [FROM, 'USER app'])).toEqual([2]);
  });
  it('accepts numeric ids and ARG-provided ids', () => {
    expect(linesOf('DL3066', [FROM, 'USER 10001:10001', 'ARG UID=10001', 'USER ${UID}'])).toEqual([]);
  });
});

describe('DL4000 MAINTAINER', () => {
  it('fires on MAINTAINER', () => {
    expect(linesOf('DL4000', [FROM, 'MAINTAINER me@example.com'])).toEqual([2]);
  });
  it('accepts a label', () => {
    expect(linesOf('DL4000', [FROM, 'LABEL org.opencontainers.image.authors=me@example.com'])).toEqual([]);
  });
});
