/**
 * BuildKit's build checks (`docker build --check`), by the names BuildKit reports them under.
 * eks-kit reports each one under this name: as the rule's code, or beside the DL code of a rule
 * that means the same (see docs/rules/buildkit.md).
 */
export const BUILDKIT_CHECKS = [
  'ConsistentInstructionCasing',
  'CopyIgnoredFile',
  'DuplicateStageName',
  'ExposeInvalidFormat',
  'ExposeProtoCasing',
  'FromAsCasing',
  'FromPlatformFlagConstDisallowed',
  'InvalidBaseImagePlatform',
  'InvalidDefaultArgInFrom',
  'InvalidDefinitionDescription',
  'JSONArgsRecommended',
  'LegacyKeyValueFormat',
  'MaintainerDeprecated',
  'MultipleInstructionsDisallowed',
  'NoEmptyContinuation',
  'RedundantTargetPlatform',
  'ReservedStageName',
  'SecretsUsedInArgOrEnv',
  'StageNameCasing',
  'UndefinedArgInFrom',
  'UndefinedVar',
  'WorkdirRelativePath',
] as const;

export type BuildkitCheck = (typeof BUILDKIT_CHECKS)[number];

const BY_UPPER = new Map<string, BuildkitCheck>(BUILDKIT_CHECKS.map((name) => [name.toUpperCase(), name]));

/** `stagenamecasing` → `StageNameCasing`: pragmas and config lists may use any case, as codes do. */
export function canonicalCheckName(text: string): BuildkitCheck | undefined {
  return BY_UPPER.get(text.trim().toUpperCase());
}

/** A rule code (`DL3008`) or a BuildKit check name, in the form findings use. */
export function canonicalCode(text: string): string {
  return canonicalCheckName(text) ?? text.trim().toUpperCase();
}

/** BuildKit's page for a check: `JSONArgsRecommended` → …/build-checks/json-args-recommended/. */
export function buildkitDocsUrl(name: string): string {
  const kebab = name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2').toLowerCase();
  return `https://docs.docker.com/reference/build-checks/${kebab}/`;
}
