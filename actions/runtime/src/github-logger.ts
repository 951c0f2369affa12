import * as core from '@actions/core';
import type { Logger } from '@eks-kit/core';

/** The library Logger on top of the runner's log: debug lines only with step debug logging on. */
export const githubLogger: Logger = {
  debug: (message) => core.debug(message),
  info: (message) => core.info(message),
  warning: (message) => core.warning(message),
  error: (message) => core.error(message),
  group: (title, fn) => core.group(title, fn),
};
