import { describe, expect, it } from '@jest/globals';
import { cachedEksToken, createEksToken, execCredential, TOKEN_LIFETIME_MS } from '../src/eks-token.js';

// aws-iam-authenticator pkg/token/token_test.go TestGetWithSTS: fake credentials at a fixed time.
const GOLDEN =
  'k8s-aws-v1.aHR0cHM6Ly9zdHMudXMtd2VzdC0yLmFtYXpvbmF3cy5jb20vP0FjdGlvbj1HZXRDYWxsZXJJZGVudGl0eSZWZXJzaW9uPTIwMTEtMDYtMTUmWC1BbXotQWxnb3JpdGhtPUFXUzQtSE1BQy1TSEEyNTYmWC1BbXotQ3JlZGVudGlhbD1BU0lBUjJURzQ0VjZBUzNaWkU3QyUyRjIwMjMwNDI4JTJGdXMtd2VzdC0yJTJGc3RzJTJGYXdzNF9yZXF1ZXN0JlgtQW16LURhdGU9MjAyMzA0MjhUMDAwMDAwWiZYLUFtei1FeHBpcmVzPTYwJlgtQW16LVNpZ25lZEhlYWRlcnM9aG9zdCUzQngtazhzLWF3cy1pZCZYLUFtei1TaWduYXR1cmU9ZTIxMWRiYTc3YWJhOWRjNDRiMGI2YmUzOGI4ZWFhZDA5MjU5OWM1MTU3ZjYzMTQ0NDRjNWI5ZDg1NzQ3ZjVjZQ';

const fake = {
  accessKeyId: Buffer.from('QVNJQVIyVEc0NFY2QVMzWlpFN0M=', 'base64').toString(),
  secretAccessKey: Buffer.from('NEtENWNudEdjVm1MV1JkRjV3dk5SdXpOTDVReG1wNk9LVlk2RnovUQ==', 'base64').toString(),
};

describe('createEksToken', () => {
  it("reproduces aws-iam-authenticator's golden vector byte for byte", () => {
    const token = createEksToken({ clusterName: 'test-cluster', region: 'us-west-2', credentials: fake, now: new Date(1682640000e3) });
    expect(token).toBe(GOLDEN);
  });

  it('signs the session token of temporary credentials into the query', () => {
    const token = createEksToken({ clusterName: 'c', region: 'eu-west-1', credentials: { ...fake, sessionToken: 'FwoG/+x=' }, now: new Date(1682640000e3) });
    const url = new URL(Buffer.from(token.slice('k8s-aws-v1.'.length), 'base64url').toString());
    expect(url.host).toBe('sts.eu-west-1.amazonaws.com');
    expect(url.searchParams.get('X-Amz-Security-Token')).toBe('FwoG/+x=');
    const keys = [...url.searchParams.keys()];
    expect(keys.indexOf('X-Amz-Security-Token')).toBe(keys.indexOf('X-Amz-Expires') + 1);
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('host;x-k8s-aws-id');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('execCredential', () => {
  it('prints the v1beta1 ExecCredential with an expiry 14 minutes on', () => {
    const parsed = JSON.parse(execCredential('k8s-aws-v1.x', new Date('2026-01-01T00:00:00.000Z'))) as { status: { token: string; expirationTimestamp: string } };
    expect(parsed.status).toEqual({ token: 'k8s-aws-v1.x', expirationTimestamp: '2026-01-01T00:14:00Z' });
  });
});

describe('cachedEksToken', () => {
  it('signs once, then again only when the token is about to expire', async () => {
    let t = 1682640000e3;
    let lookups = 0;
    const token = cachedEksToken({ clusterName: 'test-cluster', region: 'us-west-2', now: () => t, credentials: () => (lookups++, fake) });
    const first = await token();
    expect(first).toBe(GOLDEN);
    t += TOKEN_LIFETIME_MS - 1;
    expect(await token()).toBe(first);
    expect(lookups).toBe(1);
    t += 1;
    const renewed = await token();
    expect(renewed).not.toBe(first);
    expect(renewed).toBe(createEksToken({ clusterName: 'test-cluster', region: 'us-west-2', credentials: fake, now: new Date(t) }));
    expect(lookups).toBe(2);
  });
});
