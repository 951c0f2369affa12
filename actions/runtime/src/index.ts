export { runAction, runActionStep, createContext, type ActionContext } from './run-action.js';
export { githubLogger } from './github-logger.js';
export * from './markdown.js';
