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
