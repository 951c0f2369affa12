import { describe, expect, it } from '@jest/globals';
import { DockerfileParser, type Run } from 'dockerfile-ast';
import { buildModel } from '../src/model/build-model.js';
import { patchDockerfileAst } from '../src/model/dockerfile-ast-patches.js';

const TEXT = ['FROM alpine AS build', 'RUN <<EOF', 'apk add curl', 'EOF', 'RUN --mount=type=cache,target=/root/.cache \\', '    echo a b', 'COPY --from=build /a /b', 'CMD ["run", "x"]', 'RUN y'].join('\n');

describe('patched dockerfile-ast', () => {
  patchDockerfileAst();
  const instructions = DockerfileParser.parse(TEXT).getInstructions();

  it('keeps one object per instruction, with its own range, heredoc bodies included', () => {
    expect(new Set(instructions).size).toBe(6);
    expect(instructions.map((i) => [i.getKeyword(), i.getRange().start.line, i.getRange().end.line])).toEqual([
      ['FROM', 0, 0],
      ['RUN', 1, 3],
      ['RUN', 4, 5],
      ['COPY', 6, 6],
      ['CMD', 7, 7],
      ['RUN', 8, 8],
    ]);
  });

  it('answers accessors the same on every call, flags taken off the arguments', () => {
    const run = instructions[2] as Run;
    const first = run.getArguments().map((a) => a.getValue());
    expect(first).toEqual(['echo', 'a', 'b']);
    expect(run.getFlags().map((f) => f.getName())).toEqual(['mount']);
    expect(run.getArguments().map((a) => a.getValue())).toEqual(first);
    expect(run.getArgumentsContent()).toBe('echo a b');
  });

  it('gives the model the heredoc script of a RUN', () => {
    const model = buildModel('Dockerfile', TEXT);
    expect(model.instructions[1]?.shell?.commands.map((c) => c.name)).toEqual(['apk']);
    expect(model.instructions[1]?.heredocs?.map((h) => h.body)).toEqual(['apk add curl']);
  });
});
