import { EC2Client } from '@aws-sdk/client-ec2';
import { ECRClient } from '@aws-sdk/client-ecr';
import { EKSClient } from '@aws-sdk/client-eks';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsIdentity, Sandbox } from '../../../src/index.js';

function credentials(identity: AwsIdentity) {
  return {
    accessKeyId: identity.accessKeyId,
    secretAccessKey: identity.secretAccessKey,
    ...(identity.sessionToken ? { sessionToken: identity.sessionToken } : {}),
  };
}

/** Real SDK clients pointed at a sandbox; one attempt unless a test is about retries. */
export function sdkClients(sandbox: Sandbox, identity: AwsIdentity = sandbox.credentials.user, maxAttempts = 1) {
  const common = { region: sandbox.region, credentials: credentials(identity), maxAttempts };
  return {
    ecr: new ECRClient({ ...common, endpoint: sandbox.endpoints.ecr }),
    eks: new EKSClient({ ...common, endpoint: sandbox.endpoints.eks }),
    ec2: new EC2Client({ ...common, endpoint: sandbox.endpoints.ec2 }),
    sts: new STSClient({ ...common, endpoint: sandbox.endpoints.sts }),
  };
}
