import { describe, expect, it } from '@jest/globals';
import { lint, linesOf } from '../helpers.js';

const messagesOf = (code: string, lines: string[], dockerignore?: string | null): string[] =>
  lint(lines, { dockerignore }).filter((f) => f.code === code).map((f) => f.message);

describe('EK1001 whole context copied before the dependency install', () => {
  it.each([
    ['COPY . .', 'RUN npm ci', 'package-lock.json'],
    ['COPY ./ ./', 'RUN yarn install --frozen-lockfile', 'yarn.lock'],
    ['ADD . /app', 'RUN pip install --no-cache-dir -r requirements.txt', 'requirements'],
    ['COPY --link --chmod=644 . /src', 'RUN go mod download', 'go.mod'],
    ['COPY . .', 'RUN mvn -B package', 'pom.xml'],
    ['COPY . .', 'RUN ./gradlew build', 'Gradle'],
    ['COPY . .', 'RUN cargo build --release', 'Cargo.lock'],
    ['COPY . .', 'RUN bundle install', 'Gemfile.lock'],
    ['COPY . .', 'RUN poetry install --no-root', 'poetry.lock'],
    ['COPY . .', 'RUN composer install', 'composer.lock'],
    ['COPY [".", "/app"]', 'RUN pnpm install', 'pnpm-lock.yaml'],
  ])('reports `%s` before `%s`, at the COPY, naming the manifest', (copy, run, manifest) => {
    const findings = lint(['FROM base:1', 'WORKDIR /app', copy, run]).filter((f) => f.code === 'EK1001');
    expect(findings.map((f) => f.range.startLine)).toEqual([3]);
    expect(findings[0]?.message).toContain(manifest);
    expect(findings[0]?.message).toContain('line 4');
  });
  it('is quiet when the manifest is copied and installed first', () => {
    const file = ['FROM node:20-slim', 'WORKDIR /app', 'COPY package.json package-lock.json ./', 'RUN npm ci', 'COPY . .', 'RUN npm run build'];
    expect(linesOf('EK1001', file)).toEqual([]);
  });
  it('is quiet for Go when modules were downloaded before the copy', () => {
    const file = ['FROM golang:1.22 AS build', 'COPY go.mod go.sum ./', 'RUN go mod download', 'COPY . .', 'RUN go build -o /app .'];
    expect(linesOf('EK1001', file)).toEqual([]);
  });
  it('is quiet for installs of named packages and for copies from another stage', () => {
    expect(linesOf('EK1001', ['FROM node:20', 'COPY . .', 'RUN npm install -g pm2', 'RUN npm install left-pad'])).toEqual([]);
    expect(linesOf('EK1001', ['FROM node:20 AS a', 'FROM node:20', 'COPY --from=a . .', 'RUN npm ci'])).toEqual([]);
  });
  it('looks at each stage on its own', () => {
    const file = ['FROM node:20 AS one', 'COPY . .', 'FROM node:20', 'RUN npm ci'];
    expect(linesOf('EK1001', file)).toEqual([]);
  });
  it('understands a heredoc RUN', () => {
    expect(linesOf('EK1001', ['FROM python:3.12-slim', 'COPY . .', 'RUN <<EOF', 'set -e', 'pip install -r requirements.txt', 'EOF'])).toEqual([2]);
  });
});

describe('EK1002 cache mount would serve', () => {
  it('reports npm ci in the shipped stage without a cache mount', () => {
    const messages = messagesOf('EK1002', ['FROM node:20-slim', 'COPY package*.json ./', 'RUN npm ci --omit=dev']);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('--mount=type=cache,target=/root/.npm');
  });
  it('is quiet with a cache mount at the right target, also for a non-root user', () => {
    expect(linesOf('EK1002', ['FROM node:20-slim', 'RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev'])).toEqual([]);
    expect(linesOf('EK1002', ['FROM node:20-slim', 'USER node', 'RUN --mount=type=cache,target=/home/node/.npm,uid=1000 npm ci'])).toEqual([]);
  });
  it('reports a cache mount at the wrong target, and says so', () => {
    const messages = messagesOf('EK1002', ['FROM node:20-slim', 'RUN --mount=type=cache,target=/root/.cache npm ci --omit=dev']);
    expect(messages[0]).toContain('does not cover');
  });
  it('honours a cache directory moved by ENV and a same-RUN cache clean', () => {
    expect(linesOf('EK1002', ['FROM node:20-slim', 'ENV npm_config_cache=/tmp/npm', 'RUN --mount=type=cache,target=/tmp/npm npm ci'])).toEqual([]);
    expect(linesOf('EK1002', ['FROM node:20-slim', 'RUN npm ci && npm cache clean --force'])).toEqual([]);
  });
  it('reports go build in a builder stage (it re-runs on every edit) but not go mod download there', () => {
    const file = ['FROM golang:1.22 AS build', 'COPY go.mod go.sum ./', 'RUN go mod download', 'COPY . .', 'RUN go build -o /out/app .', 'FROM scratch', 'COPY --from=build /out/app /app'];
    expect(linesOf('EK1002', file)).toEqual([5]);
  });
  it('is quiet for go build with Go cache mounts', () => {
    const file = ['FROM golang:1.22 AS build', 'RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go build -o /out/app .', 'FROM scratch'];
    expect(linesOf('EK1002', file)).toEqual([]);
  });
  it('reports cargo build in a builder stage', () => {
    expect(messagesOf('EK1002', ['FROM rust:1.80 AS build', 'RUN cargo build --release', 'FROM scratch'])[0]).toContain('cargo/registry');
  });
  it.each([
    ['RUN mvn -B package', '/root/.m2'],
    ['RUN ./gradlew build', '/root/.gradle'],
  ])('reports `%s` only where it ships, suggesting %s', (run, target) => {
    expect(messagesOf('EK1002', ['FROM toolchain:1', run])[0]).toContain(target);
    expect(messagesOf('EK1002', ['FROM toolchain:1 AS build', run, 'FROM scratch'])).toEqual([]);
  });
  it('leaves pip and apt to the hadolint cache rules', () => {
    expect(linesOf('EK1002', ['FROM python:3.12-slim', 'RUN pip install flask', 'RUN apt-get update && apt-get install -y curl'])).toEqual([]);
  });
});

describe('EK1011 per-build values declared early', () => {
  it('reports an ARG GIT_SHA declared before an expensive RUN that does not use it', () => {
    const file = ['FROM node:20-slim', 'ARG GIT_SHA', 'COPY package*.json ./', 'RUN npm ci', 'RUN echo $GIT_SHA > /version'];
    expect(linesOf('EK1011', file)).toEqual([2]);
  });
  it('is quiet when the value is declared after the expensive steps', () => {
    const file = ['FROM node:20-slim', 'COPY package*.json ./', 'RUN npm ci', 'ARG GIT_SHA', 'ENV GIT_SHA=$GIT_SHA', 'LABEL org.opencontainers.image.revision=$GIT_SHA'];
    expect(linesOf('EK1011', file)).toEqual([]);
  });
  it('reports ENV BUILD_DATE once even when ARG and ENV share the name', () => {
    const file = ['FROM alpine:3.20', 'ARG BUILD_DATE', 'ENV BUILD_DATE=${BUILD_DATE}', 'RUN apk add --no-cache curl'];
    expect(linesOf('EK1011', file)).toEqual([2]);
  });
  it('does not treat a global ARG or a pinned tool version as per-build', () => {
    expect(linesOf('EK1011', ['ARG GIT_SHA', 'FROM alpine:3.20', 'RUN apk add --no-cache curl'])).toEqual([]);
    expect(linesOf('EK1011', ['FROM alpine:3.20', 'ARG VERSION=1.4.2', 'RUN apk add --no-cache curl'])).toEqual([]);
    expect(linesOf('EK1011', ['FROM alpine:3.20', 'ARG NODE_VERSION', 'RUN apk add --no-cache curl'])).toEqual([]);
  });
  it('does not treat an ENV derived from a fixed ARG as per-build, whatever its name', () => {
    const file = ['FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'ARG GIT_VERSION=2.45.1', 'ENV GIT_TAG v${GIT_VERSION}.windows.1', 'RUN curl -fsSLO https://example.com/git/${GIT_TAG}/MinGit.zip', 'RUN setup.exe'];
    expect(linesOf('EK1011', file)).toEqual([]);
    expect(linesOf('EK1011', ['FROM alpine:3.20', 'ENV RELEASE_TAG stable', 'RUN apk add --no-cache curl'])).toEqual([]);
  });
  it('still reports an ENV that takes a per-build value', () => {
    expect(linesOf('EK1011', ['FROM alpine:3.20', 'ENV APP_VERSION=${GITHUB_SHA}', 'RUN apk add --no-cache curl'])).toEqual([2]);
  });
});

describe('EK1013 .dockerignore does not exclude .git', () => {
  const file = ['FROM node:20-slim', 'COPY . .'];
  it('reports when .dockerignore exists without .git', () => {
    expect(linesOf('EK1013', file, { dockerignore: 'node_modules\n' })).toEqual([2]);
  });
  it.each(['.git', '/.git/', '**/.git', '*\n!src', '.git*'])('is quiet when .dockerignore has %j', (ignore) => {
    expect(linesOf('EK1013', file, { dockerignore: ignore })).toEqual([]);
  });
  it('is quiet with COPY --exclude=.git, when .dockerignore is unknown, and when re-included it fires', () => {
    expect(linesOf('EK1013', ['FROM node:20-slim', 'COPY --exclude=.git . .'], { dockerignore: '' })).toEqual([]);
    expect(linesOf('EK1013', file)).toEqual([]);
    expect(linesOf('EK1013', file, { dockerignore: '*\n!.git' })).toEqual([2]);
  });
  it('is quiet when the build context holds no .git, and fires when it does', () => {
    expect(linesOf('EK1013', file, { dockerignore: 'node_modules\n', contextHas: () => false })).toEqual([]);
    expect(linesOf('EK1013', file, { dockerignore: 'node_modules\n', contextHas: (p) => p === '.git' })).toEqual([2]);
  });
});

describe('EK1001 and offline builds', () => {
  it('is quiet for vendored Go and offline Maven builds', () => {
    expect(linesOf('EK1001', ['FROM golang:1.22 AS build', 'COPY . .', 'RUN go build -mod=vendor -o /app .'])).toEqual([]);
    expect(linesOf('EK1001', ['FROM maven:3.9-eclipse-temurin-21 AS build', 'COPY . .', 'RUN mvn -o -B package'])).toEqual([]);
    expect(linesOf('EK1001', ['FROM golang:1.22 AS build', 'COPY . .', 'RUN go build -o /app .'])).toEqual([2]);
  });
});

describe('ignore pragmas work for EK rules in both spellings', () => {
  const file = (pragma: string): string[] => ['FROM node:20-slim', pragma, 'COPY . .', 'RUN npm ci --omit=dev'];
  it.each(['# hadolint ignore=EK1001', '# eks-kit ignore=EK1001,EK1005'])('%s', (pragma) => {
    expect(linesOf('EK1001', file(pragma))).toEqual([]);
    expect(linesOf('EK1001', file('# hadolint ignore=DL3059'))).toEqual([3]);
  });
});
