import { instructionRule } from '../../rule.js';

// Every instruction the Dockerfile frontend accepts; anything else fails the build.
const KNOWN = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
  'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);

export const ek0003 = instructionRule(
  { code: 'EK0003', severity: 'error', category: 'correctness', title: 'Unknown instruction: Docker refuses to build this file' },
  (instruction) => {
    if (KNOWN.has(instruction.keyword)) return;
    return `Unknown instruction \`${instruction.keyword}\`: Docker refuses to build this file. Check the spelling, or a missing \`\\\` at the end of the line before.`;
  },
);
