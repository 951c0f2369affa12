import { describe, expect, it } from '@jest/globals';
import { actionSource, commandLineSource, TableReader } from '../src/index.js';
import { readVersionDriftSettings, VERSION_DRIFT_TABLE } from '../src/version-drift.js';
import { inputEnv } from './env.js';

// The clusters are checked with the other inputs, before any AWS call: the action's input check
// must not have to load the EKS client to find a cluster named wrong.
describe('version-drift inputs: the clusters to check', () => {
  const read = (inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}) =>
    readVersionDriftSettings(new TableReader(VERSION_DRIFT_TABLE, actionSource(inputEnv({ 'create-issues': 'false', ...inputs }))), env);
  const readCli = (argv: string[], env: NodeJS.ProcessEnv = {}) =>
    readVersionDriftSettings(new TableReader(VERSION_DRIFT_TABLE, commandLineSource(VERSION_DRIFT_TABLE, argv).source), env);

  it('takes the region from AWS_REGION when none is given', () => {
    expect(read({ clusters: 'prod' }, { AWS_REGION: 'eu-west-1' })).toMatchObject({ clusters: ['prod'], regions: ['eu-west-1'] });
  });

  it('refuses no clusters and no regions, naming the input or the flag', () => {
    expect(() => read({})).toThrow('regions: no clusters and no regions given: name clusters, or regions to check every cluster in');
    expect(() => readCli([])).toThrow(/^--regions: no clusters and no regions given/);
  });

  it('refuses a region that is not one, and a bare cluster name with no region', () => {
    expect(() => read({ regions: 'us-east-1\nEurope' })).toThrow('regions: "Europe" is not an AWS region name (like us-east-1)');
    expect(() => read({ clusters: 'prod' })).toThrow('clusters: "prod" has no region: give regions, set AWS_REGION, or write region/prod');
    expect(() => read({ clusters: 'moon-1/prod' })).toThrow('clusters: "moon-1" in "moon-1/prod" is not an AWS region name');
  });

  it('with roles, wants cluster ARNs in an account a role reaches', () => {
    const roles = 'arn:aws:iam::111122223333:role/drift';
    expect(() => read({ roles, clusters: 'us-east-1/prod' })).toThrow(/^clusters: "us-east-1\/prod": with roles, name clusters by ARN/);
    expect(() => read({ roles, clusters: 'arn:aws:eks:us-east-1:444455556666:cluster/prod' })).toThrow('which no role in roles reaches');
    expect(read({ roles, clusters: 'arn:aws:eks:us-east-1:111122223333:cluster/prod' }).clusters).toEqual(['arn:aws:eks:us-east-1:111122223333:cluster/prod']);
  });
});
