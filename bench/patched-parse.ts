/**
 * dockerfile-ast's parse as eks-kit ships it, with the patches of
 * packages/dockerfile-lint/src/model/dockerfile-ast-patches.ts, so the lint bench can show how much
 * of eks-kit's lead over the stock parse comes from the parse itself.
 */
import { DockerfileParser } from 'dockerfile-ast';
import { patchDockerfileAst } from '../packages/dockerfile-lint/src/model/dockerfile-ast-patches.js';

patchDockerfileAst();

export function parse(text: string): unknown {
  return DockerfileParser.parse(text);
}
