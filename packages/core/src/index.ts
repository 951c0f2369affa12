export * from './errors.js';
export * from './logger.js';
export * from './clock.js';
export * from './retry.js';
export * from './command-runner.js';
export * from './aws-errors.js';
export * from './aws-names.js';
export * from './aws-client.js';
