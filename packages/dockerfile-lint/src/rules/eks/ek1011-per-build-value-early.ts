import type { Instruction } from '../../model/dockerfile.js';
import type { Rule } from '../../rule.js';

// Names whose value is new on every build: commit, date, build number, the release being built.
const PER_BUILD =
  /^(GIT_?(SHA|COMMIT|REV|REVISION|HASH|REF|TAG|BRANCH)|(COMMIT|SOURCE|VCS)_?(SHA|HASH|REF|REF_NAME|ID)?|SHA|REVISION|BUILD_?(DATE|TIME|TIMESTAMP|NUMBER|NUM|ID|SHA|VERSION|TAG)|(APP|RELEASE|IMAGE)_?(VERSION|TAG|SHA)|VERSION|RELEASE|CI_COMMIT_(SHA|SHORT_SHA|TAG|REF_NAME)|GITHUB_(SHA|RUN_ID|RUN_NUMBER|REF_NAME))$/;

export function isPerBuildName(name: string): boolean {
  return PER_BUILD.test(name.toUpperCase());
}

/** `ARG VERSION=1.4.2` pins a tool version rather than naming the build; GIT_SHA is per-build whatever its default. */
function pinned(name: string, value: string | undefined): boolean {
  return /^(VERSION|RELEASE)$/i.test(name) && value !== undefined && value !== '' && !value.includes('$');
}

/**
 * An ENV holds what its value says: a literal (`ENV GIT_TAG v2.45.windows.1`) or one built from
 * fixed ARGs (`v${GIT_VERSION}.windows.1`) is the same on every build, whatever its name. It
 * changes per build only when it takes a per-build value (`ENV GIT_SHA=$GIT_SHA`).
 */
function envChangesPerBuild(value: string | undefined): boolean {
  for (const match of (value ?? '').matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) if (isPerBuildName(match[1]!)) return true;
  return false;
}

function references(instruction: Instruction, name: string): boolean {
  const at = instruction.args.indexOf(name);
  if (at === -1) return false;
  return new RegExp(`\\$\\{?${name}\\b`).test(instruction.args);
}

/**
 * A RUN's cache key includes the build arguments and environment in scope, so a value that
 * changes on every build re-runs every RUN after its ARG or ENV. Declared just before its first
 * use, near the end, it costs nothing. LABEL is not counted: with BuildKit it is image metadata
 * only and does not enter any step's cache key.
 */
export const ek1011: Rule = {
  code: 'EK1011',
  severity: 'info',
  category: 'cache',
  title: 'A value that changes on every build is declared before expensive steps, so they re-run on every build',
  check({ model, report }) {
    for (const stage of model.stages) {
      const declared: { instruction: Instruction; name: string }[] = [];
      const reported = new Set<string>();
      for (const instruction of stage.instructions) {
        if (instruction.keyword === 'ARG' || instruction.keyword === 'ENV') {
          for (const property of instruction.properties ?? []) {
            // `ENV GIT_SHA=$GIT_SHA` after `ARG GIT_SHA` is the same value: one finding, on the first.
            if (!isPerBuildName(property.name) || pinned(property.name, property.value) || declared.some((d) => d.name === property.name)) continue;
            if (instruction.keyword === 'ENV' && !envChangesPerBuild(property.value)) continue;
            declared.push({ instruction, name: property.name });
          }
          continue;
        }
        if (instruction.keyword !== 'RUN') continue;
        for (const { instruction: declaration, name } of declared) {
          // A RUN that uses the value has to come after it; the ones that do not are re-run for nothing.
          if (reported.has(name) || references(instruction, name)) continue;
          reported.add(name);
          report(
            declaration,
            `${declaration.keyword} ${name} changes on every build and is declared before the RUN on line ${instruction.range.startLine}, which does not use it: that RUN and every step after it re-run on every build. Declare ${name} after the expensive steps, just before it is used.`,
          );
        }
      }
    }
  },
};
