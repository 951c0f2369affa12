import { runAction, type ActionContext } from '@eks-kit/action-runtime';
import { LOGOUT_STATE, parseSavedLogin } from './state.js';

/** Logs out of the registry the main step logged in to. Reads saved state only: no inputs, no AWS calls. */
async function post(context: ActionContext): Promise<void> {
  const login = parseSavedLogin(context.getState(LOGOUT_STATE));
  if (!login) {
    context.logger.info('Nothing to log out of.');
    return;
  }
  const done = await (await import('./logout.js')).logout(login, context.env);
  if (done) context.logger.info(`Logged out of ${login.host} (${login.program}).`);
  else context.logger.warning(`${login.program} logout ${login.host} failed; the credentials expire on their own within 12 hours.`);
}

await runAction(post);
