import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import {
  DescribeAddonCommand,
  DescribeAddonVersionsCommand,
  DescribeClusterCommand,
  DescribeClusterVersionsCommand,
  DescribeInsightCommand,
  DescribeNodegroupCommand,
  ListAddonsCommand,
  ListClustersCommand,
  ListFargateProfilesCommand,
  ListInsightsCommand,
  ListNodegroupsCommand,
  type EKSClient,
} from '@aws-sdk/client-eks';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { loadScenario, startSandbox } from '../../../src/index.js';
import type { Sandbox } from '../../../src/index.js';
import { sdkClients } from '../helpers/clients.js';
import { queryErrorCode, queryResult } from './query-xml.js';
import { recordAnswers, settle, type Answer } from './record-answers.js';
import { errorDeclared, loadServiceModel, outputProblems, type ServiceModel } from './service-model.js';


// The errors every query-protocol service (STS) answers for any operation, which its model does not list.
// AccessDenied and ValidationError are in AWS's list of errors common to all actions, which STS's model leaves out.
const QUERY_COMMON_ERRORS = ['InvalidClientTokenId', 'SignatureDoesNotMatch', 'ExpiredToken', 'MissingAuthenticationToken', 'Throttling', 'InvalidAction', 'ServiceUnavailable', 'InternalFailure', 'AccessDenied', 'ValidationError'];

/** What in STS answers the model does not allow: result members and types, undeclared errors. */
function stsProblems(answers: readonly Answer[]): string[] {
  const problems: string[] = [];
  for (const answer of answers) {
    if (answer.status === 200) {
      const result = queryResult(answer.text, answer.operation);
      if (!result) problems.push(`${answer.operation}: no ${answer.operation}Result element`);
      else problems.push(...outputProblems(stsModel, answer.operation, result));
    } else {
      const code = queryErrorCode(answer.text);
      if (!QUERY_COMMON_ERRORS.includes(code) && !errorDeclared(stsModel, answer.operation, code)) problems.push(`${answer.operation}: error ${code || '(none)'} is not one the model declares for it`);
    }
  }
  return problems;
}

const READER_ROLE = 'arn:aws:iam::444455556666:role/eks-kit-drift-reader';
let sandbox: Sandbox;
let eks: EKSClient;
let sts: STSClient;
let eksModel: ServiceModel;
let stsModel: ServiceModel;
const eksAnswers: Answer[] = [];
const stsAnswers: Answer[] = [];

beforeAll(async () => {
  eksModel = loadServiceModel('eks');
  stsModel = loadServiceModel('sts');
  const scenario = await loadScenario('default');
  sandbox = await startSandbox({ scenario: { ...scenario, sts: { roles: [{ roleArn: READER_ROLE }] } } });
  ({ eks, sts } = sdkClients(sandbox));
  recordAnswers(eks, eksAnswers);
  recordAnswers(sts, stsAnswers);
});

afterAll(async () => {
  eks?.destroy();
  sts?.destroy();
  await sandbox?.stop();
});

describe('the sandbox EKS answers as botocore’s EKS service model says', () => {
  test('every answer of the operations version-drift and deploy use, and every error, matches the model', async () => {
    const { clusters = [] } = await eks.send(new ListClustersCommand({}));
    expect(clusters.length).toBeGreaterThan(0);
    for (const name of clusters) {
      const { cluster } = await eks.send(new DescribeClusterCommand({ name }));
      for (const nodegroupName of (await eks.send(new ListNodegroupsCommand({ clusterName: name }))).nodegroups ?? []) {
        await eks.send(new DescribeNodegroupCommand({ clusterName: name, nodegroupName }));
      }
      for (const addonName of (await eks.send(new ListAddonsCommand({ clusterName: name }))).addons ?? []) {
        await eks.send(new DescribeAddonCommand({ clusterName: name, addonName }));
      }
      await eks.send(new ListFargateProfilesCommand({ clusterName: name }));
      for (const insight of (await eks.send(new ListInsightsCommand({ clusterName: name }))).insights ?? []) {
        await eks.send(new DescribeInsightCommand({ clusterName: name, id: insight.id! }));
      }
      await eks.send(new DescribeAddonVersionsCommand({ kubernetesVersion: cluster?.version }));
    }
    await eks.send(new DescribeClusterVersionsCommand({ includeAll: true }));
    await eks.send(new ListClustersCommand({ maxResults: 1 }));

    // Errors.
    await settle(eks.send(new DescribeClusterCommand({ name: 'no-such-cluster' })));
    await settle(eks.send(new DescribeNodegroupCommand({ clusterName: clusters[0]!, nodegroupName: 'no-such-group' })));
    await settle(eks.send(new DescribeAddonCommand({ clusterName: clusters[0]!, addonName: 'no-such-addon' })));
    await settle(eks.send(new DescribeInsightCommand({ clusterName: clusters[0]!, id: '00000000-0000-0000-0000-00000000ffff' })));
    await settle(eks.send(new ListNodegroupsCommand({ clusterName: 'no-such-cluster' })));
    await settle(eks.send(new ListClustersCommand({ maxResults: 1000 })));

    const problems: string[] = [];
    for (const answer of eksAnswers) {
      const body: unknown = answer.text ? JSON.parse(answer.text) : {};
      if (answer.status === 200) problems.push(...outputProblems(eksModel, answer.operation, body));
      else if (!errorDeclared(eksModel, answer.operation, answer.errorType ?? '')) problems.push(`${answer.operation}: error ${answer.errorType ?? '(none)'} is not one the model declares for it`);
    }
    expect(problems).toEqual([]);
    const seen = new Set(eksAnswers.map((a) => a.operation));
    for (const operation of ['ListClusters', 'DescribeCluster', 'ListNodegroups', 'DescribeNodegroup', 'ListAddons', 'DescribeAddon', 'DescribeAddonVersions', 'DescribeClusterVersions', 'ListInsights', 'DescribeInsight', 'ListFargateProfiles']) {
      expect(seen.has(operation)).toBe(true);
    }
    expect(eksAnswers.filter((a) => a.status !== 200).length).toBeGreaterThanOrEqual(6);
  });
});

describe('the sandbox STS answers as botocore’s STS service model says', () => {
  test('GetCallerIdentity (what an EKS token presigns) and its errors match the model', async () => {
    await sts.send(new GetCallerIdentityCommand({}));
    const wrong = new STSClient({ region: sandbox.region, endpoint: sandbox.endpoints.sts, maxAttempts: 1, credentials: { accessKeyId: 'AKIAWRONGWRONGWRONG1', secretAccessKey: 'x' } });
    const badSecret = new STSClient({ region: sandbox.region, endpoint: sandbox.endpoints.sts, maxAttempts: 1, credentials: { accessKeyId: sandbox.credentials.user.accessKeyId, secretAccessKey: 'not-the-secret' } });
    for (const client of [wrong, badSecret]) {
      recordAnswers(client, stsAnswers);
      await settle(client.send(new GetCallerIdentityCommand({})));
      client.destroy();
    }

    expect(stsProblems(stsAnswers)).toEqual([]);
    expect(stsAnswers.map((a) => a.status)).toEqual([200, 403, 403]);
    expect(stsAnswers.slice(1).map((a) => queryErrorCode(a.text))).toEqual(['InvalidClientTokenId', 'SignatureDoesNotMatch']);
  });

  test('AssumeRole (fleets across accounts) and its refusals match the model, and its keys work', async () => {
    const answers: Answer[] = [];
    const client = new STSClient({ region: sandbox.region, endpoint: sandbox.endpoints.sts, maxAttempts: 1, credentials: { accessKeyId: sandbox.credentials.user.accessKeyId, secretAccessKey: sandbox.credentials.user.secretAccessKey } });
    recordAnswers(client, answers);
    const assumed = await client.send(new AssumeRoleCommand({ RoleArn: READER_ROLE, RoleSessionName: 'version-drift' }));
    await settle(client.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::444455556666:role/not-there', RoleSessionName: 'version-drift' })));
    await settle(client.send(new AssumeRoleCommand({ RoleArn: 'not-an-arn', RoleSessionName: 'version-drift' })));
    client.destroy();

    expect(stsProblems(answers)).toEqual([]);
    expect(answers.map((a) => [a.status, a.status === 200 ? '' : queryErrorCode(a.text)])).toEqual([
      [200, ''],
      [403, 'AccessDenied'],
      [400, 'ValidationError'],
    ]);
    expect(assumed.AssumedRoleUser?.Arn).toBe('arn:aws:sts::444455556666:assumed-role/eks-kit-drift-reader/version-drift');

    const asRole = new STSClient({ region: sandbox.region, endpoint: sandbox.endpoints.sts, maxAttempts: 1, credentials: { accessKeyId: assumed.Credentials!.AccessKeyId!, secretAccessKey: assumed.Credentials!.SecretAccessKey!, sessionToken: assumed.Credentials!.SessionToken! } });
    expect((await asRole.send(new GetCallerIdentityCommand({}))).Account).toBe('444455556666');
    asRole.destroy();
  });

  test('the validators find what they are meant to find', () => {
    expect(outputProblems(stsModel, 'GetCallerIdentity', { Account: 111122223333, Arn: 'arn:aws:iam::111122223333:user/x', Extra: 'y' })).toEqual([
      'GetCallerIdentity.Account: expected a string (accountType), got 111122223333',
      'GetCallerIdentity.Extra: not a member of GetCallerIdentityResponse',
    ]);
    expect(outputProblems(eksModel, 'DescribeCluster', { cluster: { status: 'RUNNING', createdAt: '2026-01-01T00:00:00Z' } })).toEqual([
      'DescribeCluster.cluster.status: "RUNNING" is not one of ClusterStatus\'s values (CREATING, ACTIVE, DELETING, FAILED, UPDATING, PENDING)',
      'DescribeCluster.cluster.createdAt: expected a unixTimestamp timestamp (Timestamp), got "2026-01-01T00:00:00Z"',
    ]);
    expect(errorDeclared(eksModel, 'DescribeCluster', 'ResourceNotFoundException')).toBe(true);
    expect(errorDeclared(eksModel, 'DescribeCluster', 'ScanNotFoundException')).toBe(false);
    expect(queryResult('<XResponse><XResult><A>1 &amp; 2</A></XResult></XResponse>', 'X')).toEqual({ A: '1 & 2' });
  });
});
