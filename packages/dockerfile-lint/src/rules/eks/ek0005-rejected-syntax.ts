import type { Instruction } from '../../model/dockerfile.js';
import { instructionRule } from '../../rule.js';

// Flags BuildKit accepts without a value (`COPY --link`); every other flag needs `=value`.
const FLAGS_WITHOUT_VALUE = new Set(['link', 'parents', 'keep-git-dir']);
const FLAGGED = new Set(['FROM', 'RUN', 'COPY', 'ADD']);

/**
 * A flag BuildKit refuses for want of its `=value`. `COPY --from build . .` reads as a flag with no
 * value followed by a source named `build`, so other rules should not read its operands either.
 */
export function valuelessFlag(instruction: Instruction): Instruction['flags'][number] | undefined {
  if (!FLAGGED.has(instruction.keyword)) return undefined;
  return instruction.flags.find((flag) => flag.value === null && !FLAGS_WITHOUT_VALUE.has(flag.name));
}

function problem(instruction: Instruction): string | undefined {
  const bare = valuelessFlag(instruction);
  if (bare) return `\`--${bare.name}\` has no value: BuildKit refuses the instruction. Write \`--${bare.name}=<value>\`, with \`=\`.`;
  if (instruction.keyword === 'ENV') {
    const empty = (instruction.properties ?? []).find((p) => (p.value ?? undefined) === undefined);
    if (empty) return `\`ENV ${empty.name}\` has no value: BuildKit refuses an ENV without one. Write \`ENV ${empty.name}=<value>\` (\`ENV ${empty.name}=\` for an empty value).`;
  }
  return undefined;
}

/** Instructions the Dockerfile frontend parses but refuses to build: caught on the pull request, not at build time. */
export const ek0005 = instructionRule(
  { code: 'EK0005', severity: 'error', category: 'correctness', title: 'An instruction BuildKit refuses: a flag without its value, or an ENV without a value' },
  (instruction) => problem(instruction),
);
