import { runAction } from '@eks-kit/action-runtime';
import { ProcessRunner } from '@eks-kit/core';
import { engineLogout } from '@eks-kit/image-push';
import type { SavedLogin } from './state.js';

/** Logs out of the registry the main step logged in to; loaded by the post step only then. */
export async function logoutStep(login: SavedLogin): Promise<void> {
  await runAction(async (context) => {
    const done = await engineLogout(new ProcessRunner(), login.program, login.host, { env: context.env });
    if (done) context.logger.info(`Logged out of ${login.host} (${login.program}).`);
    else context.logger.warning(`${login.program} logout ${login.host} failed; the credentials expire on their own within 12 hours.`);
  });
}
