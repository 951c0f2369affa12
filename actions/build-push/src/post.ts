import { savedState } from '@eks-kit/action-runtime/saved-state';
import { LOGOUT_STATE, parseSavedLogin } from './state.js';

// Reads saved state only: no inputs, no AWS calls. The runtime and @actions/core are loaded only
// when there is a login to end, so a post step with nothing to do costs little more than Node.
const login = parseSavedLogin(savedState(LOGOUT_STATE));
if (login) await (await import('./logout.js')).logoutStep(login);
else process.stdout.write('Nothing to log out of.\n');
