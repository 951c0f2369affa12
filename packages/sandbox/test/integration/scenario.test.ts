import { describe, expect, test } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario, startSandbox } from '../../src/index.js';

describe('scenarios', () => {
  test('the default scenario seeds a scan-on-push immutable repository and two clusters', async () => {
    const scenario = await loadScenario('default');
    expect(scenario.ecr?.repositories).toEqual([{ name: 'eks-kit/demo', imageTagMutability: 'IMMUTABLE', scanOnPush: true }]);
    expect(scenario.eks?.clusters?.map((c) => c.name)).toEqual(['demo', 'legacy']);
  });

  test('bad scenario files fail with a message that names the file and the problem', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'eks-kit-scenario-'));
    await expect(loadScenario(join(dir, 'missing.yaml'))).rejects.toThrow(/cannot read sandbox scenario .*missing\.yaml/);
    await writeFile(join(dir, 'list.yaml'), '- a\n- b\n');
    await expect(loadScenario(join(dir, 'list.yaml'))).rejects.toThrow(/must be a YAML mapping/);
    await writeFile(join(dir, 'typo.yaml'), 'ecs: {}\n');
    await expect(loadScenario(join(dir, 'typo.yaml'))).rejects.toThrow(/unknown sections: ecs/);
  });

  test('an unknown scan fixture named by a rule stops the sandbox from starting', async () => {
    await expect(startSandbox({ scenario: { ecr: { scanning: { byTag: { 'v*': 'nope' } } } } })).rejects.toThrow(
      /unknown scan fixture 'nope' \(known: clean\)/,
    );
  });
});
