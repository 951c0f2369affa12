import { ProcessRunner } from '@eks-kit/core';
import { engineLogout } from '@eks-kit/image-push';
import type { SavedLogin } from './state.js';

/** The logout itself, loaded by the post step only when there is a login to end. */
export function logout(login: SavedLogin, env: NodeJS.ProcessEnv): Promise<boolean> {
  return engineLogout(new ProcessRunner(), login.program, login.host, { env });
}
