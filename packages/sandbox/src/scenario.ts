import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Ec2Scenario } from './ec2/types.js';
import type { EcrScenario } from './ecr/state.js';
import type { EksScenario } from './eks/types.js';
import type { StsScenario } from './sts/assume-role.js';

/** Everything a sandbox starts with: repositories, scan results, clusters, versions, add-ons. */
export interface Scenario {
  ecr?: EcrScenario;
  eks?: EksScenario;
  /** Subnets and launch templates the EKS seeds point at. */
  ec2?: Ec2Scenario;
  /** Roles other accounts' clusters are reached through (AssumeRole). */
  sts?: StsScenario;
}

export const SCENARIO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'scenarios');

/** Loads a scenario by name (`scenarios/<name>.yaml` in this package) or by file path. */
export async function loadScenario(nameOrPath: string): Promise<Scenario> {
  const path =
    isAbsolute(nameOrPath) || nameOrPath.includes('/') || nameOrPath.endsWith('.yaml')
      ? resolve(nameOrPath)
      : join(SCENARIO_DIR, `${nameOrPath}.yaml`);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read sandbox scenario ${path}: ${(error as Error).message}`);
  }
  const parsed: unknown = parse(text);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`sandbox scenario ${path} must be a YAML mapping with ecr:, eks:, ec2: and/or sts:`);
  }
  const unknown = Object.keys(parsed).filter((key) => !['ecr', 'eks', 'ec2', 'sts'].includes(key));
  if (unknown.length > 0) throw new Error(`sandbox scenario ${path} has unknown sections: ${unknown.join(', ')}`);
  return parsed as Scenario;
}

export async function placeholderCaData(): Promise<string> {
  return Buffer.from(await readFile(join(SCENARIO_DIR, 'placeholder-ca.pem'))).toString('base64');
}
