import { describe, expect, it } from '@jest/globals';
import { lint, linesOf } from '../helpers.js';

describe('EK1004 credential file copied into a layer', () => {
  it.each(['COPY .npmrc ./', 'COPY .pypirc /root/', 'ADD id_rsa /root/.ssh/id_rsa', 'COPY --chown=app .aws/credentials /home/app/.aws/', 'COPY .env .', 'COPY ["secrets/.netrc", "/root/"]'])(
    'reports `%s`',
    (copy) => {
      const findings = lint(['FROM node:20-slim', copy]).filter((f) => f.code === 'EK1004');
      expect(findings.map((f) => f.range.startLine)).toEqual([2]);
      expect(findings[0]?.message).toContain('--mount=type=secret');
    },
  );
  it('is quiet for look-alikes, secret mounts and copies from another stage', () => {
    const file = [
      'FROM node:20-slim',
      'COPY id_rsa.pub /etc/keys/',
      'COPY .env.example .npmrc.template ./',
      'RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci',
      'COPY --from=build /root/.npmrc /tmp/',
    ];
    expect(linesOf('EK1004', file)).toEqual([]);
  });
});

describe('EK1012 literal credential in the Dockerfile', () => {
  it('reports an AWS access key ID in ENV at the property, as an error', () => {
    const findings = lint(['FROM alpine:3.20', 'ENV REGION=us-east-1 AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE']).filter((f) => f.code === 'EK1012');
    expect(findings).toHaveLength(1);
    expect(findings[0]?.severity).toBe('error');
    expect(findings[0]?.range.startLine).toBe(2);
    expect(findings[0]?.range.startColumn).toBe(22);
  });
  it('reports a GitHub token in a RUN and an ARG default', () => {
    const token = `ghp_${'a1B2'.repeat(9)}`;
    expect(linesOf('EK1012', ['FROM alpine:3.20', `ARG GH=${token}`, `RUN git clone https://${token}@github.com/o/r.git`])).toEqual([2, 3]);
  });
  it('is quiet for ordinary values', () => {
    expect(linesOf('EK1012', ['FROM alpine:3.20', 'ENV AWS_REGION=us-east-1 KEY_ID=AKIA', 'ARG GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D'])).toEqual([]);
  });
});
