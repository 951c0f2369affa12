import { describe, expect, it } from '@jest/globals';
import { linesOf } from '../helpers.js';

describe('DL3006 and DL3007 with ARG-valued images', () => {
  it('resolve the ARG default when there is one', () => {
    expect(linesOf('DL3007', ['ARG BASE=node:latest', 'FROM ${BASE}'])).toEqual([2]);
    expect(linesOf('DL3006', ['ARG BASE=node', 'FROM $BASE'])).toEqual([2]);
  });
  it('stay silent when the image is only known at build time', () => {
    expect(linesOf('DL3006', ['ARG BASE', 'FROM ${BASE}'])).toEqual([]);
    expect(linesOf('DL3007', ['ARG TAG', 'FROM node:${TAG}'])).toEqual([]);
  });
});

describe('DL3026 trusted registries', () => {
  const config = { trustedRegistries: ['123456789012.dkr.ecr.*', '*.example.com', 'docker.io'] };
  it('fires on FROM, COPY --from and RUN --mount=from images outside the list', () => {
    const file = ['FROM ghcr.io/org/base:1', 'COPY --from=quay.io/org/tool:1 /t /t', 'RUN --mount=type=bind,from=gcr.io/x/y:1,target=/y true'];
    expect(linesOf('DL3026', file, { config })).toEqual([1, 2, 3]);
  });
  it('accepts listed registries, wildcards, Docker Hub, scratch, stages and ARG-valued images', () => {
    const file = [
      'ARG BASE',
      'FROM 123456789012.dkr.ecr.eu-west-1.amazonaws.com/base:1 AS build',
      'FROM registry.example.com/x:1',
      'FROM node:20',
      'FROM scratch',
      'FROM build',
      'FROM ${BASE}',
      'COPY --from=build /a /a',
    ];
    expect(linesOf('DL3026', file, { config })).toEqual([]);
  });
  it('is off without trustedRegistries', () => {
    expect(linesOf('DL3026', ['FROM ghcr.io/org/base:1'])).toEqual([]);
  });
});

describe('DL3029 and DL3065 FROM --platform', () => {
  it('DL3029 fires on a fixed platform', () => {
    expect(linesOf('DL3029', ['FROM --platform=linux/amd64 debian:12'])).toEqual([1]);
  });
  it('DL3029 accepts $BUILDPLATFORM and $TARGETPLATFORM', () => {
    expect(linesOf('DL3029', ['FROM --platform=$BUILDPLATFORM golang:1.23 AS build', 'FROM --platform=${TARGETPLATFORM} debian:12'])).toEqual([]);
  });
  it('DL3065 fires on the redundant $TARGETPLATFORM only', () => {
    expect(linesOf('DL3065', ['FROM --platform=$TARGETPLATFORM debian:12', 'FROM --platform=$BUILDPLATFORM debian:12'])).toEqual([1]);
  });
});
