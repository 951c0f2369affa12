/**
 * The repository the demo's workflow runs on: the example services copied into a fresh git
 * checkout, as actions/checkout leaves one, so build-push reads a real commit for its tags and
 * labels. The repo's own files are never changed.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from './programs.js';

export const SERVICES = ['shop-api', 'legacy-worker'] as const;

export interface DemoRepository {
  dir: string;
  /** The commit being built and deployed (GITHUB_SHA). */
  sha: string;
}

const identity = ['-c', 'user.name=eks-kit demo', '-c', 'user.email=demo@eks-kit.invalid', '-c', 'commit.gpgsign=false'];

async function commit(dir: string, message: string): Promise<string> {
  await run('git', [...identity, 'add', '-A'], { cwd: dir });
  await run('git', [...identity, 'commit', '-q', '-m', message], { cwd: dir });
  return run('git', ['rev-parse', 'HEAD'], { cwd: dir });
}

export async function createRepository(examplesDir: string): Promise<DemoRepository> {
  const dir = mkdtempSync(path.join(tmpdir(), 'eks-kit-demo-repo-'));
  for (const service of SERVICES) cpSync(path.join(examplesDir, service), path.join(dir, service), { recursive: true });
  await run('git', ['init', '-q', '-b', 'main'], { cwd: dir });
  return { dir, sha: await commit(dir, 'shop-api 1.4.2') };
}

/**
 * The release that goes wrong: shop-api 1.4.3 needs a DATABASE_URL that the cluster's
 * ConfigMap does not provide, so every new pod exits at start.
 */
export async function commitBrokenRelease(repository: DemoRepository): Promise<DemoRepository> {
  const server = path.join(repository.dir, 'shop-api/src/server.js');
  const check = "if (!process.env.DATABASE_URL) {\n  console.error('fatal: DATABASE_URL is not set');\n  process.exit(1);\n}\n";
  writeFileSync(server, readFileSync(server, 'utf8').replace("const port =", `${check}const port =`));
  const manifest = path.join(repository.dir, 'shop-api/package.json');
  writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('"version": "1.4.2"', '"version": "1.4.3"'));
  return { dir: repository.dir, sha: await commit(repository.dir, 'shop-api 1.4.3: read orders from the database') };
}
