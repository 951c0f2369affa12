// Kept free of heavy imports: kubectl starts this plugin for every call, so start-up time counts.
import { InputError } from '@eks-kit/core';
import { createEksToken, execCredential, type AwsCredentials } from './eks-token.js';

export { TOKEN_PLUGIN_COMMAND, tokenPluginArgs } from './token-plugin-command.js';

/** Keys in the environment, as configure-aws-credentials exports them: no SDK needed. */
export function credentialsFromEnv(env: NodeJS.ProcessEnv): AwsCredentials | undefined {
  if (!env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY) return undefined;
  return { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) };
}

/**
 * What kubectl's exec plugin prints: `eks-token --cluster NAME --region REGION`. Credentials come
 * from the caller's resolver (environment, else the AWS SDK chain), never from arguments or files.
 */
/**
 * Profiles, web identity, SSO, instance roles: the SDK's default chain, for when the environment
 * holds no keys. The client is imported here, on demand, so the token path loads nothing more
 * when keys are in the environment.
 */
export async function credentialsFromSdkChain(region: string): Promise<AwsCredentials> {
  const { EKSClient } = await import('@aws-sdk/client-eks');
  const client = new EKSClient({ region });
  try {
    const c = await client.config.credentials();
    return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}) };
  } finally {
    client.destroy();
  }
}

export async function tokenPluginOutput(argv: readonly string[], resolve: (region: string) => Promise<AwsCredentials>, now: () => Date = () => new Date()): Promise<string> {
  const value = (flag: string) => {
    const at = argv.indexOf(flag);
    const v = at >= 0 ? argv[at + 1] : undefined;
    if (!v) throw new InputError(flag, 'is required by the eks-token plugin');
    return v;
  };
  const clusterName = value('--cluster');
  const region = value('--region');
  const credentials = await resolve(region);
  return `${execCredential(createEksToken({ clusterName, region, credentials, now: now() }), now())}\n`;
}
