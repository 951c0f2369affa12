import { describe, expect, it } from '@jest/globals';
import { roleAccounts } from '../src/role-arns.js';

describe('roles for a fleet across accounts', () => {
  it('takes each role ARN’s account, paths included', () => {
    expect(roleAccounts(['arn:aws:iam::444455556666:role/eks-kit-drift-reader', 'arn:aws:iam::777788889999:role/platform/drift'])).toEqual([
      { account: '444455556666', roleArn: 'arn:aws:iam::444455556666:role/eks-kit-drift-reader' },
      { account: '777788889999', roleArn: 'arn:aws:iam::777788889999:role/platform/drift' },
    ]);
  });

  it('refuses what is not a role ARN and two roles for one account, naming the input', () => {
    expect(() => roleAccounts(['arn:aws:iam::444455556666:user/ci'], '--roles')).toThrow('--roles: "arn:aws:iam::444455556666:user/ci" is not an IAM role ARN (arn:aws:iam::ACCOUNT-ID:role/NAME)');
    expect(() => roleAccounts(['arn:aws:iam::444455556666:role/a', 'arn:aws:iam::444455556666:role/b'])).toThrow('roles: "arn:aws:iam::444455556666:role/b" and "arn:aws:iam::444455556666:role/a" are both in account 444455556666: give one role per account');
  });
});
