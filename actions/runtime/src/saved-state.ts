/**
 * A value the main step saved (core.saveState), as the runner hands it to the post step: in
 * STATE_<name>. Apart from @actions/core so that a post step with nothing to do loads nothing else.
 */
export function savedState(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return env[`STATE_${name}`] ?? '';
}
