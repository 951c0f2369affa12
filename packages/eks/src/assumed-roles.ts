import { AssumeRoleCommand, STSClient, type AssumeRoleResponse } from '@aws-sdk/client-sts';
import { AWS_CLIENT_SETTINGS, systemClock, withAwsRetries, type Logger } from '@eks-kit/core';
import type { AwsCredentials } from '@eks-kit/kube';

/** Sessions are refreshed this long before they expire (a long fleet run outlives the default hour). */
const REFRESH_MS = 5 * 60 * 1000;
export const ROLE_SESSION_NAME = 'eks-kit-version-drift';

/**
 * The role's temporary credentials through STS AssumeRole with the caller's own credentials (the
 * environment, else the SDK chain), assumed once and again shortly before they expire. SDK clients
 * take it as their `credentials` provider.
 */
export function assumedRoleCredentials(roleArn: string, stsRegion: string, logger: Logger, now: () => number = () => Date.now()): () => Promise<AwsCredentials & { expiration?: Date }> {
  const sts = withAwsRetries(new STSClient({ region: stsRegion, ...AWS_CLIENT_SETTINGS }), { service: 'STS', clock: systemClock, logger, stats: { calls: 0 } });
  let current: Promise<AwsCredentials & { expiration?: Date }> | undefined;
  let expiresAt = 0;
  return () => {
    if (!current || now() > expiresAt - REFRESH_MS) {
      current = sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: ROLE_SESSION_NAME })).then((answer: AssumeRoleResponse) => {
        const c = answer.Credentials;
        if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`STS AssumeRole returned no credentials for ${roleArn}`);
        expiresAt = c.Expiration ? c.Expiration.getTime() : now() + 15 * 60 * 1000;
        return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}), ...(c.Expiration ? { expiration: c.Expiration } : {}) };
      });
      current.catch(() => (current = undefined));
    }
    return current;
  };
}
