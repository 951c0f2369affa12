export * from './summary.js';
export * from './text.js';
export * from './json.js';
export * from './sarif.js';
export * from './github.js';
export * from './annotations.js';
