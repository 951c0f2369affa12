import { describe, expect, it } from '@jest/globals';
import { lint, linesOf } from '../helpers.js';

describe('EK1005 whole-context copy without .dockerignore', () => {
  const file = ['FROM node:20-slim', 'COPY package.json ./', 'COPY . .', 'COPY ./ /other'];
  it('reports the first whole-context copy once when .dockerignore is known to be absent', () => {
    expect(linesOf('EK1005', file, { dockerignore: null })).toEqual([3]);
  });
  it('is quiet when .dockerignore exists or is unknown', () => {
    expect(linesOf('EK1005', file, { dockerignore: '.git\n' })).toEqual([]);
    expect(linesOf('EK1005', file)).toEqual([]);
  });
  it('is quiet when only named files are copied', () => {
    expect(linesOf('EK1005', ['FROM node:20-slim', 'COPY src/ ./src/', 'COPY --from=build . .'], { dockerignore: null })).toEqual([]);
  });
});

describe('EK1006 build tools in the image that ships', () => {
  it.each([
    ['RUN apt-get update && apt-get install -y --no-install-recommends build-essential && rm -rf /var/lib/apt/lists/*', 'build-essential'],
    ['RUN apk add --no-cache gcc musl-dev', 'gcc'],
    ['RUN dnf install -y gcc-c++ make && dnf clean all', 'gcc-c++'],
    ['RUN apt-get install -y libpq-dev', 'libpq-dev'],
  ])('reports `%s`', (run, tool) => {
    const findings = lint(['FROM debian:12-slim', run]).filter((f) => f.code === 'EK1006');
    expect(findings.map((f) => f.range.startLine)).toEqual([2]);
    expect(findings[0]?.message).toContain(tool);
    expect(findings[0]?.message).toContain('multi-stage');
  });
  it('is quiet when the tools are removed in the same RUN, by name or by virtual group', () => {
    expect(linesOf('EK1006', ['FROM python:3.12-alpine', 'RUN apk add --no-cache --virtual .build-deps gcc musl-dev && pip install --no-cache-dir uwsgi && apk del .build-deps'])).toEqual([]);
    expect(linesOf('EK1006', ['FROM python:3.12-slim', 'RUN apt-get update && apt-get install -y gcc && pip install x && apt-get purge -y --auto-remove gcc'])).toEqual([]);
  });
  const officialImageStyle = (keep: string) => [
    'FROM debian:12-slim',
    'RUN set -eux; \\',
    '\tsavedAptMark="$(apt-mark showmanual)"; \\',
    '\tapt-get update; \\',
    '\tapt-get install -y --no-install-recommends gcc libc6-dev make; \\',
    '\tmake -C /usr/src/app install; \\',
    "\tapt-mark auto '.*' > /dev/null; \\",
    `\t[ -z "$savedAptMark" ] || apt-mark manual $savedAptMark ${keep}; \\`,
    '\tapt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false; \\',
    '\trm -rf /var/lib/apt/lists/*',
  ];
  it("is quiet for the official images' apt-mark auto … && apt-get purge -y --auto-remove cleanup", () => {
    expect(linesOf('EK1006', officialImageStyle(''))).toEqual([]);
    expect(linesOf('EK1006', ['FROM debian:12-slim', "RUN apt-get update && apt-get install -y gcc && make && apt-mark auto '.*' && apt-get autoremove -y"])).toEqual([]);
  });
  it('still reports a build tool that the cleanup marks manual again, or an auto-remove without apt-mark auto', () => {
    expect(linesOf('EK1006', officialImageStyle('make'))).toEqual([2]);
    expect(linesOf('EK1006', ['FROM debian:12-slim', 'RUN apt-get update && apt-get install -y gcc && apt-get purge -y --auto-remove'])).toEqual([2]);
  });
  it('is quiet for apk virtual groups in the official images\' set -eux style', () => {
    const file = ['FROM python:3.12-alpine', 'RUN set -eux; \\', '\tapk add --no-cache --virtual=.build-deps \\', '\t\tgcc \\', '\t\tmusl-dev \\', '\t; \\', '\tpip install uwsgi; \\', '\tapk del --no-network .build-deps'];
    expect(linesOf('EK1006', file)).toEqual([]);
  });
  it('is quiet in a builder stage that does not ship', () => {
    expect(linesOf('EK1006', ['FROM debian:12 AS build', 'RUN apt-get install -y gcc make', 'FROM debian:12-slim', 'COPY --from=build /out /out'])).toEqual([]);
  });
  it('reports tools in a stage the final image is built FROM', () => {
    expect(linesOf('EK1006', ['FROM debian:12-slim AS base', 'RUN apt-get install -y gcc', 'FROM base', 'CMD ["x"]'])).toEqual([2]);
  });
  it('reports npm installs that keep devDependencies, unless production is asked for', () => {
    expect(linesOf('EK1006', ['FROM node:20-slim', 'RUN npm ci'])).toEqual([2]);
    expect(linesOf('EK1006', ['FROM node:20-slim', 'RUN npm ci --omit=dev'])).toEqual([]);
    expect(linesOf('EK1006', ['FROM node:20-slim', 'ENV NODE_ENV=production', 'RUN npm ci'])).toEqual([]);
    expect(linesOf('EK1006', ['FROM node:20-slim AS build', 'RUN npm ci', 'FROM node:20-slim', 'COPY --from=build /app /app'])).toEqual([]);
  });
  it('does not take runtime libraries for build tools', () => {
    expect(linesOf('EK1006', ['FROM debian:12-slim', 'RUN apt-get install -y libpq5 ca-certificates tzdata'])).toEqual([]);
  });
});

describe('EK1010 large base image for the runtime stage', () => {
  it.each(['debian:12', 'node:20', 'python:3.12', 'golang:1.22', 'maven:3.9-eclipse-temurin-21', 'openjdk:17', 'eclipse-temurin:21-jdk', 'amazonlinux:2023', 'public.ecr.aws/docker/library/node:20', 'docker.io/library/ruby:3.3'])(
    'reports %s as the last stage base',
    (image) => {
      const findings = lint([`FROM ${image}`, 'CMD ["x"]']).filter((f) => f.code === 'EK1010');
      expect(findings.map((f) => [f.range.startLine, f.severity])).toEqual([[1, 'info']]);
    },
  );
  it.each(['debian:12-slim', 'node:20-alpine', 'node:20-slim', 'python:3.12-slim-bookworm', 'eclipse-temurin:21-jre', 'amazonlinux:2023-minimal', 'gcr.io/distroless/static-debian12', 'scratch', 'alpine:3.20', 'ubuntu:24.04', '123456789012.dkr.ecr.us-east-1.amazonaws.com/node:20'])(
    'is quiet for %s',
    (image) => {
      expect(linesOf('EK1010', [`FROM ${image}`, 'CMD ["x"]'])).toEqual([]);
    },
  );
  it('is quiet for a large builder stage and follows FROM <stage> chains', () => {
    expect(linesOf('EK1010', ['FROM golang:1.22 AS build', 'RUN go build', 'FROM gcr.io/distroless/static-debian12', 'COPY --from=build /app /app'])).toEqual([]);
    expect(linesOf('EK1010', ['FROM node:20 AS base', 'FROM base AS final', 'CMD ["node"]'])).toEqual([2]);
  });
  it('resolves an ARG-valued base image and ignores one it cannot resolve', () => {
    expect(linesOf('EK1010', ['ARG BASE=python:3.12', 'FROM ${BASE}'])).toEqual([2]);
    expect(linesOf('EK1010', ['ARG BASE', 'FROM ${BASE}'])).toEqual([]);
  });
});
