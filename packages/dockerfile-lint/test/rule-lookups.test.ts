import { describe, expect, it } from '@jest/globals';
import { buildModel } from '../src/model/build-model.js';
import { listsAPackageTwice, listsOutOfOrder, packageLists } from '../src/rules/eks/package-lists.js';
import { runsRunning } from '../src/rules/run-rule.js';
import { compareCodes } from '../src/types.js';

describe('listsAPackageTwice', () => {
  const run = (line: string) => buildModel('Dockerfile', `FROM debian:12\nRUN ${line}\n`).instructions[1]!;
  it('finds a package listed twice, versions and case aside, and agrees with packageLists', () => {
    const twice = run('apt-get install -y curl git Curl=7.88');
    expect(listsAPackageTwice(twice)).toBe(true);
    const keys = packageLists(twice)[0]!.packages.map((p) => p.key);
    expect(new Set(keys).size).toBeLessThan(keys.length);
  });
  it('sees a list out of order by name, versions and case aside', () => {
    expect(listsOutOfOrder(run('apt-get install -y curl Bash=5'))).toBe(true);
    expect(listsOutOfOrder(run('apt-get install -y Bash=5 curl git'))).toBe(false);
    expect(listsOutOfOrder(run('apt-get update && apk add zlib && go install b a'))).toBe(false);
  });
  it('ignores variables, paths and managers whose lists are not kept', () => {
    expect(listsAPackageTwice(run('apt-get install -y curl git'))).toBe(false);
    expect(listsAPackageTwice(run('apt-get install -y $PKGS $PKGS ./a.deb ./a.deb'))).toBe(false);
    expect(listsAPackageTwice(run('go install a@v1 a@v2'))).toBe(false);
  });
});

describe('runsRunning', () => {
  const model = buildModel(
    'Dockerfile',
    ['FROM debian:12', 'RUN apt-get update && apt-get install -y curl', 'RUN pip3 install flask', 'RUN echo hi', 'ONBUILD RUN sudo apt-get install -y git', 'RUN python3.12 -m pip install x'].join('\n'),
  );
  const lines = (programs: string[]) => runsRunning(model, programs).map((entry) => entry.at.range.startLine);
  it('finds the RUNs (ONBUILD triggers included) that run a program, in file order', () => {
    expect(lines(['apt-get'])).toEqual([2, 5]);
    expect(lines(['sudo'])).toEqual([5]);
    expect(lines(['pip'])).toEqual([3]);
    expect(lines(['pip', 'python'])).toEqual([3, 6]);
    expect(lines(['apk', 'yum'])).toEqual([]);
  });
});

describe('compareCodes', () => {
  it('orders rule codes as localeCompare does', () => {
    const codes = ['EK1001', 'DL3008', 'DL1001', 'EK0001', 'DL4006', 'DL3059'];
    expect([...codes].sort(compareCodes)).toEqual([...codes].sort((a, b) => a.localeCompare(b)));
    expect(compareCodes('DL3008', 'DL3008')).toBe(0);
  });
});
