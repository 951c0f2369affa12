import { InputError } from '@eks-kit/core';

// Apart from assumed-roles.ts, whose STS client the action's input check must not load.
const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/[\w+=,.@/-]+$/;

/** The account of each role ARN; a malformed ARN or two roles for one account is an input error. */
export function roleAccounts(roles: readonly string[], label = 'roles'): { account: string; roleArn: string }[] {
  const seen = new Map<string, string>();
  return roles.map((roleArn) => {
    const account = ROLE_ARN.exec(roleArn)?.[1];
    if (!account) throw new InputError(label, `"${roleArn}" is not an IAM role ARN (arn:aws:iam::ACCOUNT-ID:role/NAME)`);
    const other = seen.get(account);
    if (other) throw new InputError(label, `"${roleArn}" and "${other}" are both in account ${account}: give one role per account`);
    seen.set(account, roleArn);
    return { account, roleArn };
  });
}
