import { GetAuthorizationTokenCommand, type GetAuthorizationTokenCommandOutput } from '@aws-sdk/client-ecr';
import { ApiError, type CommandRunner, type RunOptions } from '@eks-kit/core';
import { sendEcr, type EcrSession } from './ecr-calls.js';
import type { Driver } from './driver.js';

export interface RegistryAuth {
  /** Registry host as clients name it: `<account>.dkr.ecr.<region>.amazonaws.com`. */
  host: string;
  username: string;
  password: string;
  /** The endpoint speaks plain http (only ever a loopback test registry). */
  insecure: boolean;
  expiresAt?: Date;
}

/**
 * Registry credentials from GetAuthorizationToken. The password goes to `mask` before this
 * function returns it, so nothing later can print it unmasked.
 */
export async function getRegistryAuth(session: EcrSession, registryId: string | undefined, mask: (secret: string) => void): Promise<RegistryAuth> {
  const answer = await sendEcr<GetAuthorizationTokenCommandOutput>(
    session,
    'GetAuthorizationToken',
    new GetAuthorizationTokenCommand(registryId ? { registryIds: [registryId] } : {}),
  );
  const data = answer.authorizationData?.[0];
  if (!data?.authorizationToken || !data.proxyEndpoint) throw new ApiError('ECR', 'GetAuthorizationToken', 'EmptyAnswer', 'no authorization data in the answer');
  mask(data.authorizationToken);
  const decoded = Buffer.from(data.authorizationToken, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) throw new ApiError('ECR', 'GetAuthorizationToken', 'MalformedToken', 'the token is not user:password');
  const password = decoded.slice(colon + 1);
  mask(password);
  const endpoint = new URL(data.proxyEndpoint);
  return {
    host: endpoint.host,
    username: decoded.slice(0, colon),
    password,
    insecure: endpoint.protocol === 'http:',
    ...(data.expiresAt ? { expiresAt: data.expiresAt } : {}),
  };
}

/** The program that holds the login for a driver: buildx and docker share docker's. */
export function loginProgram(driver: Driver): 'docker' | 'buildah' {
  return driver === 'buildah' ? 'buildah' : 'docker';
}

/** Logs the engine in; the password travels on stdin only. */
export async function engineLogin(runner: CommandRunner, driver: Driver, auth: RegistryAuth, options: RunOptions = {}): Promise<void> {
  const program = loginProgram(driver);
  const tls = program === 'buildah' && auth.insecure ? ['--tls-verify=false'] : [];
  await runner.run(program, ['login', ...tls, '--username', auth.username, '--password-stdin', auth.host], { ...options, input: auth.password });
}
