export * from './spec.js';
export { actionSource, commandLineSource, parseArgsOptions, type InputSource, type ParsedCommandLine } from './source.js';
export { TableReader } from './reader.js';
export { renderHelp } from './help.js';
export { actionYmlInputs, type ActionYmlInput } from './action-yml.js';
export { actionDocsProblems, cliDocsProblems, markdownSection } from './docs.js';
export type { InputName, ReaderOf } from './spec-names.js';
