import type { Rule } from '../../rule.js';
import { copyIgnoredFile } from './copy-ignored-file.js';
import { exposeInvalidFormat, exposeProtoCasing } from './expose.js';
import { invalidDefaultArgInFrom, undefinedArgInFrom } from './from-args.js';
import { consistentInstructionCasing } from './instruction-casing.js';
import { invalidDefinitionDescription } from './invalid-definition-description.js';
import { jsonArgsRecommended } from './json-args-recommended.js';
import { legacyKeyValueFormat } from './legacy-key-value-format.js';
import { noEmptyContinuation } from './no-empty-continuation.js';
import { fromPlatformFlagConstDisallowed, invalidBaseImagePlatform } from './platform.js';
import { secretsUsedInArgOrEnv } from './secrets-used-in-arg-or-env.js';
import { fromAsCasing, stageNameCasing } from './stage-names.js';
import { undefinedVar } from './undefined-var.js';
import { workdirRelativePath } from './workdir-relative-path.js';

/**
 * BuildKit's build checks that no DL rule means exactly, under BuildKit's names. The others
 * (MaintainerDeprecated, DuplicateStageName, ReservedStageName, RedundantTargetPlatform,
 * MultipleInstructionsDisallowed) are DL rules that carry the BuildKit name (`buildkit:`).
 */
export const buildkitRules: readonly Rule[] = [
  consistentInstructionCasing,
  copyIgnoredFile,
  exposeInvalidFormat,
  exposeProtoCasing,
  fromAsCasing,
  fromPlatformFlagConstDisallowed,
  invalidBaseImagePlatform,
  invalidDefaultArgInFrom,
  invalidDefinitionDescription,
  jsonArgsRecommended,
  legacyKeyValueFormat,
  noEmptyContinuation,
  secretsUsedInArgOrEnv,
  stageNameCasing,
  undefinedArgInFrom,
  undefinedVar,
  workdirRelativePath,
];
