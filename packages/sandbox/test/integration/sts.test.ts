import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { createEksToken, EksTokenRejected, startSandbox, verifyEksToken } from '../../src/index.js';
import type { Sandbox } from '../../src/index.js';
import { sdkClients } from './helpers/clients.js';

// aws-iam-authenticator pkg/token/token_test.go TestGetWithSTS: fixed fake credentials and time.
const GOLDEN_TOKEN =
  'k8s-aws-v1.aHR0cHM6Ly9zdHMudXMtd2VzdC0yLmFtYXpvbmF3cy5jb20vP0FjdGlvbj1HZXRDYWxsZXJJZGVudGl0eSZWZXJzaW9uPTIwMTEtMDYtMTUmWC1BbXotQWxnb3JpdGhtPUFXUzQtSE1BQy1TSEEyNTYmWC1BbXotQ3JlZGVudGlhbD1BU0lBUjJURzQ0VjZBUzNaWkU3QyUyRjIwMjMwNDI4JTJGdXMtd2VzdC0yJTJGc3RzJTJGYXdzNF9yZXF1ZXN0JlgtQW16LURhdGU9MjAyMzA0MjhUMDAwMDAwWiZYLUFtei1FeHBpcmVzPTYwJlgtQW16LVNpZ25lZEhlYWRlcnM9aG9zdCUzQngtazhzLWF3cy1pZCZYLUFtei1TaWduYXR1cmU9ZTIxMWRiYTc3YWJhOWRjNDRiMGI2YmUzOGI4ZWFhZDA5MjU5OWM1MTU3ZjYzMTQ0NDRjNWI5ZDg1NzQ3ZjVjZQ';

// Generous: CI runs many suites at once on two cores.

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});

afterAll(async () => {
  await sandbox.stop();
});

describe('EKS token', () => {
  test('matches aws-iam-authenticator golden test vector byte for byte', () => {
    const token = createEksToken({
      clusterName: 'test-cluster',
      region: 'us-west-2',
      accessKeyId: Buffer.from('QVNJQVIyVEc0NFY2QVMzWlpFN0M=', 'base64').toString(),
      secretAccessKey: Buffer.from('NEtENWNudEdjVm1MV1JkRjV3dk5SdXpOTDVReG1wNk9LVlk2RnovUQ==', 'base64').toString(),
      now: new Date(1682640000e3),
    });
    expect(token).toBe(GOLDEN_TOKEN);
  });

  test('with a session token, X-Amz-Security-Token is signed and sorted in', () => {
    const role = sandbox.credentials.deployerRole;
    const token = createEksToken({ clusterName: 'demo', region: 'us-east-1', ...role });
    const url = new URL(Buffer.from(token.slice('k8s-aws-v1.'.length), 'base64url').toString());
    expect([...url.searchParams.keys()]).toEqual([
      'Action',
      'Version',
      'X-Amz-Algorithm',
      'X-Amz-Credential',
      'X-Amz-Date',
      'X-Amz-Expires',
      'X-Amz-Security-Token',
      'X-Amz-SignedHeaders',
      'X-Amz-Signature',
    ]);
    expect(url.searchParams.get('X-Amz-Security-Token')).toBe(role.sessionToken);
  });
});

describe('STS GetCallerIdentity', () => {
  test('answers the caller for user keys and for assumed-role session keys', async () => {
    const user = sdkClients(sandbox).sts;
    expect(await user.send(new GetCallerIdentityCommand({}))).toMatchObject({
      Account: sandbox.account,
      Arn: sandbox.credentials.user.arn,
      UserId: sandbox.credentials.user.userId,
    });
    const role = sdkClients(sandbox, sandbox.credentials.deployerRole).sts;
    expect((await role.send(new GetCallerIdentityCommand({}))).Arn).toBe(sandbox.credentials.deployerRole.arn);
  });

  test('a wrong secret is SignatureDoesNotMatch and an unknown key is InvalidClientTokenId', async () => {
    const client = (accessKeyId: string, secretAccessKey: string) =>
      new STSClient({ region: sandbox.region, endpoint: sandbox.endpoints.sts, credentials: { accessKeyId, secretAccessKey }, maxAttempts: 1 });
    await expect(client(sandbox.credentials.user.accessKeyId, 'wrong').send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
    });
    await expect(client('AKIAUNKNOWN000000000', 'x').send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'InvalidClientTokenId',
    });
  });
});

describe('EKS bearer tokens verified through the STS emulator', () => {
  test('maps the sandbox user and the deployer role through the cluster access entries', async () => {
    const user = createEksToken({ clusterName: 'demo', region: sandbox.region, ...sandbox.credentials.user });
    expect(await sandbox.authenticateKubeToken(user, 'demo')).toEqual({
      username: sandbox.credentials.user.arn,
      groups: ['system:masters'],
    });
    const role = createEksToken({ clusterName: 'demo', region: sandbox.region, ...sandbox.credentials.deployerRole });
    expect(await sandbox.authenticateKubeToken(role, 'demo')).toEqual({
      username: 'arn:aws:sts::111122223333:assumed-role/eks-kit-deployer/github-actions',
      groups: ['eks-kit:deployers'],
    });
    expect(await verifyEksToken(role, { stsUrl: sandbox.endpoints.sts, clusterName: 'demo' })).toEqual({
      arn: sandbox.credentials.deployerRole.arn,
      account: sandbox.account,
      userId: sandbox.credentials.deployerRole.userId,
    });
  });

  test('refuses tokens for another cluster, expired, tampered, malformed, or of unmapped principals', async () => {
    const { user } = sandbox.credentials;
    const forOther = createEksToken({ clusterName: 'other', region: sandbox.region, ...user });
    expect(await sandbox.authenticateKubeToken(forOther, 'demo')).toBeUndefined();
    const old = createEksToken({ clusterName: 'demo', region: sandbox.region, ...user, now: new Date(Date.now() - 16 * 60 * 1000) });
    expect(await sandbox.authenticateKubeToken(old, 'demo')).toBeUndefined();
    const good = createEksToken({ clusterName: 'demo', region: sandbox.region, ...user });
    const url = Buffer.from(good.slice(11), 'base64url').toString().replace('Version=2011-06-15', 'Version=2011-06-15&Extra=1');
    expect(await sandbox.authenticateKubeToken('k8s-aws-v1.' + Buffer.from(url).toString('base64url'), 'demo')).toBeUndefined();
    expect(await sandbox.authenticateKubeToken('not-a-token', 'demo')).toBeUndefined();
    const reshaped = (edit: (url: string) => string) =>
      'k8s-aws-v1.' + Buffer.from(edit(Buffer.from(good.slice(11), 'base64url').toString())).toString('base64url');
    for (const edit of [
      (u: string) => u.replace('https://', 'http://'),
      (u: string) => u.replace('sts.us-east-1.amazonaws.com', 'sts.example.com'),
      (u: string) => u.replace('X-Amz-Expires=60', 'X-Amz-Expires=901'),
      (u: string) => u.replace('Action=GetCallerIdentity', 'Action=AssumeRole'),
      (u: string) => u.replace('host%3Bx-k8s-aws-id', 'host'),
      (u: string) => u.replace('amazonaws.com/?', 'amazonaws.com/other?'),
    ]) {
      await expect(verifyEksToken(reshaped(edit), { stsUrl: sandbox.endpoints.sts, clusterName: 'demo' })).rejects.toThrow(EksTokenRejected);
    }
    await expect(verifyEksToken('k8s-aws-v1.' + 'A'.repeat(5000), { stsUrl: sandbox.endpoints.sts, clusterName: 'demo' })).rejects.toThrow(/4 KiB/);
    const stranger = createEksToken({ clusterName: 'legacy', region: sandbox.region, ...user });
    expect(await sandbox.authenticateKubeToken(stranger, 'legacy')).toBeUndefined(); // no access entry on legacy
  });
});
