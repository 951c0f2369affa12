export * from './types.js';
export * from './config.js';
export * from './linter.js';
export type { Rule, RuleContext } from './rule.js';
export { allRules, ruleByCode } from './rules/index.js';
export type { DockerfileModel, Instruction, Stage } from './model/dockerfile.js';
export * from './formatters/index.js';
export * from './files.js';
export * from './run.js';
