import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { DescribeLaunchTemplatesCommand, DescribeSubnetsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { startSandbox } from '../../../src/index.js';
import type { Sandbox } from '../../../src/index.js';
import { sdkClients } from '../helpers/clients.js';
import { ec2AnswerToShape } from './ec2-xml.js';
import { recordAnswers, type Answer } from './record-answers.js';
import { loadServiceModel, outputProblems, type ServiceModel } from './service-model.js';


let sandbox: Sandbox;
let ec2: EC2Client;
let model: ServiceModel;
const answers: Answer[] = [];

beforeAll(async () => {
  model = loadServiceModel('ec2');
  sandbox = await startSandbox({
    scenario: {
      ec2: {
        subnets: [
          { subnetId: 'subnet-1', availabilityZone: 'us-east-1a', availableIpAddressCount: 3, cidrBlock: '10.0.0.0/28' },
          { subnetId: 'subnet-2', availabilityZone: 'us-east-1b', availableIpAddressCount: 250 },
        ],
        launchTemplates: [{ launchTemplateId: 'lt-0123456789abcdef0', launchTemplateName: 'workers', defaultVersionNumber: 2, latestVersionNumber: 3 }],
      },
    },
  });
  ec2 = sdkClients(sandbox).ec2;
  recordAnswers(ec2, answers);
});

afterAll(async () => sandbox?.stop());

describe("the sandbox's EC2 answers against botocore's EC2 model", () => {
  test('DescribeSubnets answers the subnets asked for, every element a member of the output shape', async () => {
    const out = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: ['subnet-2', 'subnet-1'] }));
    expect(out.Subnets?.map((s) => [s.SubnetId, s.AvailabilityZone, s.AvailabilityZoneId, s.AvailableIpAddressCount, s.State])).toEqual([
      ['subnet-2', 'us-east-1b', 'use1-az2', 250, 'available'],
      ['subnet-1', 'us-east-1a', 'use1-az1', 3, 'available'],
    ]);
    const problems: string[] = [];
    const value = ec2AnswerToShape(model, 'DescribeSubnets', answers.at(-1)!.text, problems);
    expect([...problems, ...outputProblems(model, 'DescribeSubnets', value)]).toEqual([]);
  });

  test('DescribeLaunchTemplates answers version numbers as the model says', async () => {
    const out = await ec2.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: ['lt-0123456789abcdef0'] }));
    expect(out.LaunchTemplates?.map((t) => [t.LaunchTemplateName, t.DefaultVersionNumber, t.LatestVersionNumber])).toEqual([['workers', 2, 3]]);
    const problems: string[] = [];
    const value = ec2AnswerToShape(model, 'DescribeLaunchTemplates', answers.at(-1)!.text, problems);
    expect([...problems, ...outputProblems(model, 'DescribeLaunchTemplates', value)]).toEqual([]);
  });

  test('the checker sees an element the model does not have', () => {
    const problems: string[] = [];
    ec2AnswerToShape(model, 'DescribeSubnets', '<DescribeSubnetsResponse><subnetSet><item><freeIps>3</freeIps></item></subnetSet></DescribeSubnetsResponse>', problems);
    expect(problems).toEqual(['DescribeSubnets.Subnets[0]: <freeIps> is not a member of Subnet']);
  });

  test('an unknown subnet and a denied action fail as EC2 fails them, and the SDK reads the code', async () => {
    await expect(ec2.send(new DescribeSubnetsCommand({ SubnetIds: ['subnet-nope'] }))).rejects.toMatchObject({ name: 'InvalidSubnetID.NotFound', message: "The subnet ID 'subnet-nope' does not exist" });
    const denied = await startSandbox({ scenario: { ec2: { deny: ['ec2:DescribeSubnets'] } } });
    try {
      const client = sdkClients(denied).ec2;
      await expect(client.send(new DescribeSubnetsCommand({}))).rejects.toMatchObject({ name: 'UnauthorizedOperation', $metadata: { httpStatusCode: 403 } });
      const out = await client.send(new DescribeLaunchTemplatesCommand({}));
      expect(out.LaunchTemplates).toEqual([]);
    } finally {
      await denied.stop();
    }
  });

  test('without ec2 subnets in the scenario, the subnets EKS names exist', async () => {
    const out = await ec2.send(new DescribeSubnetsCommand({}));
    expect(out.Subnets?.map((s) => s.SubnetId)).toEqual(['subnet-1', 'subnet-2']);
    const plain = await startSandbox({ scenario: { eks: { clusters: [{ name: 'c', version: '1.33' }] } } });
    try {
      const { eks, ec2: client } = sdkClients(plain);
      const { DescribeClusterCommand } = await import('@aws-sdk/client-eks');
      const subnetIds = (await eks.send(new DescribeClusterCommand({ name: 'c' }))).cluster?.resourcesVpcConfig?.subnetIds ?? [];
      const subnets = await client.send(new DescribeSubnetsCommand({ SubnetIds: subnetIds }));
      expect(subnets.Subnets?.map((s) => [s.SubnetId, s.AvailabilityZone])).toEqual([
        ['subnet-0a1b2c3d4e5f60001', 'us-east-1a'],
        ['subnet-0a1b2c3d4e5f60002', 'us-east-1b'],
      ]);
    } finally {
      await plain.stop();
    }
  });
});
