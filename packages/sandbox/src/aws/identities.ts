/** Fake credentials the sandbox accepts, and the principal each one is. */
export interface AwsIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  /** Set for temporary credentials (assumed roles); requests must then carry it. */
  sessionToken?: string;
  account: string;
  /** What GetCallerIdentity answers, e.g. `arn:aws:sts::111122223333:assumed-role/deployer/ci`. */
  arn: string;
  userId: string;
  /** Temporary credentials that have run out: every request is refused as expired. */
  expiredAt?: Date;
  /** Actions (`ecr:DescribeRepositories`) no policy of this principal allows: AccessDenied. */
  denies?: readonly string[];
}

export const SANDBOX_ACCOUNT = '111122223333';

/** Long-term user keys: the credentials `startSandbox().env` exports. */
export const SANDBOX_USER: AwsIdentity = {
  accessKeyId: 'AKIAEKSKITSANDBOX001',
  secretAccessKey: 'eks-kit-sandbox/secret/access/key/0000001',
  account: SANDBOX_ACCOUNT,
  arn: `arn:aws:iam::${SANDBOX_ACCOUNT}:user/eks-kit-sandbox`,
  userId: 'AIDAEKSKITSANDBOX001',
};

/** Temporary keys of an assumed role, shaped like what an OIDC login in Actions exports. */
export const SANDBOX_DEPLOYER_ROLE: AwsIdentity = {
  accessKeyId: 'ASIAEKSKITDEPLOYER01',
  secretAccessKey: 'eks-kit-sandbox/secret/deployer/role/00001',
  sessionToken: 'eks-kit-sandbox-session-token-for-the-deployer-role',
  account: SANDBOX_ACCOUNT,
  arn: `arn:aws:sts::${SANDBOX_ACCOUNT}:assumed-role/eks-kit-deployer/github-actions`,
  userId: 'AROAEKSKITDEPLOYER01:github-actions',
};

/** A role session whose credentials expired an hour ago, as a long job's OIDC session does. */
export const SANDBOX_EXPIRED_ROLE: AwsIdentity = {
  accessKeyId: 'ASIAEKSKITEXPIRED001',
  secretAccessKey: 'eks-kit-sandbox/secret/expired/role/000001',
  sessionToken: 'eks-kit-sandbox-session-token-that-has-expired',
  account: SANDBOX_ACCOUNT,
  arn: `arn:aws:sts::${SANDBOX_ACCOUNT}:assumed-role/eks-kit-deployer/expired`,
  userId: 'AROAEKSKITDEPLOYER01:expired',
  expiredAt: new Date(Date.now() - 60 * 60 * 1000),
};

/** A user whose policies allow logging in to the registry but not reading repositories. */
export const SANDBOX_NO_ECR_READ_USER: AwsIdentity = {
  accessKeyId: 'AKIAEKSKITNOREAD0001',
  secretAccessKey: 'eks-kit-sandbox/secret/no/ecr/read/00001',
  account: SANDBOX_ACCOUNT,
  arn: `arn:aws:iam::${SANDBOX_ACCOUNT}:user/eks-kit-no-ecr-read`,
  userId: 'AIDAEKSKITNOREAD0001',
  denies: ['ecr:DescribeRepositories', 'ecr:CreateRepository', 'ecr:BatchGetImage', 'ecr:DescribeImages'],
};

export class IdentityStore {
  private readonly byAccessKey = new Map<string, AwsIdentity>();

  constructor(identities: readonly AwsIdentity[]) {
    for (const identity of identities) this.add(identity);
  }

  add(identity: AwsIdentity): void {
    this.byAccessKey.set(identity.accessKeyId, identity);
  }

  find(accessKeyId: string): AwsIdentity | undefined {
    return this.byAccessKey.get(accessKeyId);
  }
}
