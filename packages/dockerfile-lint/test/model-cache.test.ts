import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../src/files.js';
import { buildModel } from '../src/model/build-model.js';
import { derived, derivedSlot } from '../src/model/derived.js';
import { listsAPackageTwice, listsOutOfOrder, packageLists } from '../src/rules/eks/package-lists.js';
import { runsRunning } from '../src/rules/run-rule.js';
import { compareCodes } from '../src/types.js';

describe('derived', () => {
  it('computes once per owner and keeps the value out of sight', () => {
    const key = derivedSlot();
    const other = derivedSlot();
    const owner = { n: 2 };
    let calls = 0;
    const square = (o: { n: number }): number => {
      calls++;
      return o.n * o.n;
    };
    expect(derived(owner, key, square)).toBe(4);
    owner.n = 3;
    expect(derived(owner, key, square)).toBe(4);
    expect(calls).toBe(1);
    expect(derived({ n: 3 }, key, square)).toBe(9);
    expect(derived(owner, other, (o) => o.n + 1)).toBe(4);
    expect(derived(owner, key, square)).toBe(4);
    expect(Object.keys(owner)).toEqual(['n']);
    expect(JSON.stringify(owner)).toBe('{"n":3}');
  });
});

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

describe('loadConfig', () => {
  it('reads .hadolint.yaml when there is one and gives the defaults otherwise', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(tmpdir(), 'eks-kit-config-'));
    expect((await loadConfig(undefined, dir)).source).toBeUndefined();
    writeFileSync(path.join(dir, '.hadolint.yaml'), 'ignored: [DL3008]\n');
    const { config, source } = await loadConfig(undefined, dir);
    expect(source).toBe('.hadolint.yaml');
    expect([...config.ignored]).toEqual(['DL3008']);
  });
});
