/** The state the main step saves for the post step: which program logged in to which registry. */
export const LOGOUT_STATE = 'build-push-login';

export interface SavedLogin {
  program: 'docker' | 'buildah';
  host: string;
}

export function parseSavedLogin(text: string): SavedLogin | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Partial<SavedLogin>;
    if ((value.program === 'docker' || value.program === 'buildah') && typeof value.host === 'string' && /^[A-Za-z0-9][A-Za-z0-9.-]*(?::\d+)?$/.test(value.host)) {
      return { program: value.program, host: value.host };
    }
  } catch {
    /* not ours: nothing to log out of */
  }
  return undefined;
}
