import { describe, expect, it } from '@jest/globals';
import { linesOf } from '../helpers.js';

const FROM = 'FROM node:20-slim';

describe('DL3016 pin npm packages', () => {
  it('fires on an unpinned package', () => {
    expect(linesOf('DL3016', [FROM, 'RUN npm install -g typescript'])).toEqual([2]);
    expect(linesOf('DL3016', [FROM, 'RUN npm i @scope/tool'])).toEqual([2]);
  });
  it('accepts versions, scoped versions, git refs, tarballs, folders, and npm ci', () => {
    for (const args of ['install -g typescript@5.6.3', 'install @scope/tool@^1.2', 'install git+https://github.com/org/repo.git#v1', 'install ./pkg.tgz', 'install ../lib', 'ci', 'install']) {
      expect(linesOf('DL3016', [FROM, `RUN npm ${args}`])).toEqual([]);
    }
  });
  it('does not take a registry URL for a package', () => {
    expect(linesOf('DL3016', [FROM, 'RUN npm install --registry https://npm.example left-pad@1.3.0'])).toEqual([]);
  });
});

describe('DL3060 yarn cache clean', () => {
  it('fires when the yarn cache stays in the image', () => {
    expect(linesOf('DL3060', [FROM, 'RUN yarn install --frozen-lockfile'])).toEqual([2]);
  });
  it('wants the clean after the install', () => {
    expect(linesOf('DL3060', [FROM, 'RUN yarn cache clean && yarn install'])).toEqual([2]);
    expect(linesOf('DL3060', [FROM, 'RUN yarn install && yarn cache clean'])).toEqual([]);
  });
  it('accepts a cache mount on the yarn cache', () => {
    expect(linesOf('DL3060', [FROM, 'RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install'])).toEqual([]);
  });
  it('ignores build stages that are only copied from', () => {
    expect(linesOf('DL3060', ['FROM node:20 AS deps', 'RUN yarn install', 'FROM node:20-slim', 'COPY --from=deps /app /app'])).toEqual([]);
  });
});
