/**
 * Generates varied, realistic Dockerfiles from a seed: single- and multi-stage, every package
 * manager, heredocs, cache and secret mounts, pragmas, exec and shell forms, long package lists.
 * Used by the benchmark corpus and the property tests, so both see the same variety.
 */
export type Random = () => number;

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const between = (random: Random, min: number, max: number): number => min + Math.floor(random() * (max - min + 1));

const BASES = ['ubuntu:24.04', 'ubuntu', 'debian:bookworm-slim', 'alpine:3.20', 'node:22', 'node:22-alpine', 'python:3.12-slim', 'python:3.12', 'golang:1.23', 'amazonlinux:2023', 'fedora:40', 'opensuse/leap:15.6', 'public.ecr.aws/docker/library/nginx:1.27', 'registry.example.com:5000/team/base:latest', '${BASE_IMAGE}', 'gcr.io/distroless/static:nonroot', 'scratch', 'busybox@sha256:' + 'a'.repeat(64)];
const APT = ['curl', 'ca-certificates', 'git', 'jq', 'unzip', 'build-essential', 'libpq-dev', 'python3', 'tzdata', 'gnupg', 'openssl', 'wget', 'less', 'vim', 'zlib1g-dev', 'make', 'gcc'];
const APK = ['curl', 'bash', 'git', 'tini', 'ca-certificates', 'openssl', 'build-base', 'musl-dev', 'libffi-dev', 'jq'];
const PIP = ['flask', 'requests==2.32.3', 'gunicorn', 'boto3>=1.34', 'uvicorn[standard]', 'numpy', 'pydantic==2.8.2'];
const NPM = ['express', 'typescript@5.6.3', 'pm2', 'lodash', '@aws-sdk/client-s3'];
const RPM = ['curl', 'git', 'gcc', 'make', 'shadow-utils', 'tar', 'gzip', 'procps-ng'];

function packageList(random: Random, names: readonly string[], pin: (name: string) => string): string[] {
  const count = between(random, 1, Math.min(8, names.length));
  const chosen = new Set<string>();
  while (chosen.size < count) chosen.add(pick(random, names));
  const list = [...chosen].map((n) => (random() < 0.4 ? pin(n) : n));
  return random() < 0.6 ? list.sort() : list;
}

function joinList(random: Random, prefix: string, list: string[]): string {
  if (random() < 0.5) return `${prefix} ${list.join(' ')}`;
  return `${prefix} \\\n      ${list.join(' \\\n      ')}`;
}

function runInstruction(random: Random): string {
  const kind = between(random, 0, 13);
  const cacheMount = random() < 0.25;
  switch (kind) {
    case 0:
    case 1: {
      const flags = random() < 0.6 ? ' --no-install-recommends' : '';
      const yes = random() < 0.8 ? ' -y' : '';
      const install = joinList(random, `apt-get install${yes}${flags}`, packageList(random, APT, (n) => `${n}=1.0-${between(random, 1, 9)}`));
      const clean = random() < 0.6 ? ' \\\n && rm -rf /var/lib/apt/lists/*' : '';
      const mount = cacheMount ? '--mount=type=cache,target=/var/cache/apt,sharing=locked ' : '';
      return `RUN ${mount}apt-get update \\\n && ${install}${clean}`;
    }
    case 2:
      return `RUN ${joinList(random, `apk add${random() < 0.6 ? ' --no-cache' : ''}`, packageList(random, APK, (n) => `${n}=1.2.${between(random, 0, 9)}-r0`))}`;
    case 3: {
      const mount = cacheMount ? '--mount=type=cache,target=/root/.cache/pip ' : '';
      return `RUN ${mount}pip install${random() < 0.5 ? ' --no-cache-dir' : ''} ${random() < 0.5 ? '-r requirements.txt' : packageList(random, PIP, (n) => n).join(' ')}`;
    }
    case 4:
      return `RUN ${cacheMount ? '--mount=type=cache,target=/root/.npm ' : ''}${pick(random, ['npm ci', 'npm ci --omit=dev', 'npm install', `npm install -g ${pick(random, NPM)}`, 'yarn install --frozen-lockfile', 'pnpm install --frozen-lockfile'])}`;
    case 5:
      return `RUN ${pick(random, ['yum', 'dnf', 'microdnf', 'zypper'])} install${random() < 0.7 ? ' -y' : ''} ${packageList(random, RPM, (n) => `${n}-1.0`).join(' ')}${random() < 0.5 ? ' && yum clean all' : ''}`;
    case 6:
      return `RUN <<EOF\nset -eux\napt-get update\napt-get install -y --no-install-recommends ${packageList(random, APT, (n) => n).join(' ')}\nrm -rf /var/lib/apt/lists/*\nEOF`;
    case 7:
      return `RUN ${pick(random, ['cd /app && make', 'curl -fsSL https://example.com/install.sh | sh', 'wget https://example.com/a.tgz && tar xzf a.tgz', 'useradd -u 100000 app', 'sudo make install', 'go build -o /out/app ./cmd/app', 'echo "$HOME" > /tmp/x; ls -la', 'set -o pipefail && curl -s x | tar x'])}`;
    case 8:
      return `RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci`;
    case 9:
      return `RUN ["/bin/sh", "-c", "${pick(random, ['echo hello', 'apt-get update', 'pip install flask'])}"]`;
    case 10:
      return `RUN gem install ${pick(random, ['rails', 'bundler:2.5.0', 'nokogiri -v 1.16'])}`;
    case 11:
      return `RUN go install ${pick(random, ['golang.org/x/tools/gopls@latest', 'github.com/x/y@v1.2.3', 'example.com/tool'])}`;
    case 12:
      return `RUN apt-get update && apt-get ${pick(random, ['upgrade', 'dist-upgrade -y', 'install -y curl'])}`;
    default:
      return `RUN ${pick(random, ['rm -rf /var/lib/apt/lists/*', 'apt-get clean', 'npm cache clean --force', 'pip cache purge', 'ln -s /a /b', 'chmod +x /entrypoint.sh'])}`;
  }
}

function otherInstruction(random: Random, stages: string[]): string {
  switch (between(random, 0, 17)) {
    case 0:
      return pick(random, ['COPY . .', 'COPY . /app', 'ADD . /src', 'COPY ./ ./']);
    case 1:
      return pick(random, ['COPY package*.json ./', 'COPY requirements.txt .', 'COPY go.mod go.sum ./', 'COPY --chown=app:app src/ /app/src/', 'COPY --link --chmod=755 entrypoint.sh /usr/local/bin/', 'COPY --exclude=*.md docs /docs', 'COPY a b c /dest', 'COPY a b c dest']);
    case 2:
      return stages.length > 0 ? `COPY --from=${pick(random, stages)} /out /app` : 'COPY --from=missing /x /y';
    case 3:
      return pick(random, ['ADD https://example.com/file.tar.gz /tmp/', 'ADD app.tar.gz /opt/', 'ADD config.json /etc/app/']);
    case 4:
      return pick(random, ['ENV NODE_ENV=production', 'ENV PATH=/app/bin:$PATH', 'ENV A=1 B=$A', 'ENV API_TOKEN=abc123', 'ENV AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG']);
    case 5:
      return pick(random, ['ARG VERSION', 'ARG GIT_SHA', 'ARG NPM_TOKEN', 'ARG BUILD_DATE=unknown', 'ARG TARGETARCH']);
    case 6:
      return pick(random, ['LABEL org.opencontainers.image.source="https://github.com/acme/app"', 'LABEL maintainer="team@example.com" version="1.0"', 'LABEL org.opencontainers.image.created=$BUILD_DATE', 'LABEL "bad key"=value']);
    case 7:
      return pick(random, ['WORKDIR /app', 'WORKDIR app', 'WORKDIR $HOME/app']);
    case 8:
      return pick(random, ['USER app', 'USER 1000:1000', 'USER root']);
    case 9:
      return pick(random, ['EXPOSE 8080', 'EXPOSE 80/tcp 443', 'EXPOSE 70000', 'EXPOSE ${PORT}']);
    case 10:
      return pick(random, ['HEALTHCHECK CMD curl -f http://localhost/ || exit 1', 'HEALTHCHECK --interval=30s CMD ["wget", "-q", "-O-", "http://localhost:8080/healthz"]', 'HEALTHCHECK NONE']);
    case 11:
      return pick(random, ['SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'SHELL ["/bin/sh", "-c"]']);
    case 12:
      return pick(random, ['VOLUME /data', 'VOLUME ["/var/lib/app"]', 'STOPSIGNAL SIGTERM']);
    case 13:
      return pick(random, ['ONBUILD COPY . /app', 'ONBUILD RUN npm ci', 'MAINTAINER someone@example.com']);
    case 14:
      return pick(random, ['# a comment', '# hadolint ignore=DL3008,DL3015', '# eks-kit ignore=EK1001', '# hadolint global ignore=DL3059']);
    case 15:
      return pick(random, ['CMD ["node", "server.js"]', 'CMD node server.js', 'CMD ["sh", "-c", "apt-get install -y curl && ./start"]']);
    case 16:
      return pick(random, ['ENTRYPOINT ["/usr/bin/tini", "--"]', 'ENTRYPOINT ./start.sh', 'ENTRYPOINT ["pip", "install", "-r", "requirements.txt"]']);
    default:
      return pick(random, ['RUN cd /tmp', 'RUN ssh-keyscan github.com', 'RUN apt install -y curl']);
  }
}

/** One Dockerfile; `size` scales the number of instructions (1 ≈ a typical service). */
export function generateDockerfile(random: Random, size = 1): string {
  const lines: string[] = [];
  if (random() < 0.3) lines.push('# syntax=docker/dockerfile:1.7');
  if (random() < 0.1) lines.push('# check=skip=JSONArgsRecommended');
  if (random() < 0.3) lines.push(`ARG BASE_IMAGE=${pick(random, ['node:22-slim', 'python:3.12-slim'])}`);
  const stageCount = random() < 0.5 ? 1 : between(random, 2, 4);
  const stages: string[] = [];
  for (let s = 0; s < stageCount; s++) {
    const alias = s < stageCount - 1 || random() < 0.3 ? `stage${s}` : undefined;
    const platform = random() < 0.1 ? '--platform=$BUILDPLATFORM ' : '';
    lines.push(`FROM ${platform}${pick(random, BASES)}${alias ? ` AS ${alias}` : ''}`);
    const count = Math.max(1, Math.round(between(random, 2, 12) * size));
    for (let i = 0; i < count; i++) lines.push(random() < 0.45 ? runInstruction(random) : otherInstruction(random, stages));
    if (alias) stages.push(alias);
  }
  return lines.join('\n') + '\n';
}

/** Small edits that real files suffer: dropped characters, cut lines, doubled or swapped lines. */
export function mutate(random: Random, text: string): string {
  let result = text;
  const edits = between(random, 1, 5);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * Math.max(1, result.length));
    switch (between(random, 0, 6)) {
      case 0:
        result = result.slice(0, at) + result.slice(at + between(random, 1, 20));
        break;
      case 1:
        result = result.slice(0, at) + pick(random, ['\\', '"', "'", '[', ']', '{', '$', '\n', '<<EOF', '\t', '\u0000', '#', '=', '--', '\r\n']) + result.slice(at);
        break;
      case 2: {
        const lines = result.split('\n');
        const j = Math.floor(random() * lines.length);
        lines.splice(j, 0, lines[j] ?? '');
        result = lines.join('\n');
        break;
      }
      case 3: {
        const lines = result.split('\n');
        lines.reverse();
        result = lines.join('\n');
        break;
      }
      case 4:
        result = result.slice(0, at);
        break;
      case 5:
        result = result.toLowerCase();
        break;
      default:
        result = result.replace(/\n/g, ' \\\n');
    }
  }
  return result;
}
