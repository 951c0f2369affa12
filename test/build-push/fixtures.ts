import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { privateBuildahEnv } from '../harness/buildah-env.js';

const made: string[] = [];

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes every directory these fixtures made (workspaces, buildah storage, shims). */
export function removeFixtures(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * A workspace whose Dockerfile needs nothing downloaded: `FROM scratch` plus the static busybox
 * of the Debian package busybox-static, and one source file a test can change.
 */
export function busyboxWorkspace(extra: Record<string, string> = {}): string {
  const dir = tempDir('eks-kit-bp-ws-');
  try {
    copyFileSync('/bin/busybox', path.join(dir, 'busybox'));
  } catch (error) {
    throw new Error(`static busybox missing (install the Debian package busybox-static): ${(error as Error).message}`);
  }
  const files: Record<string, string> = {
    Dockerfile: 'FROM scratch\nCOPY busybox /bin/busybox\nCOPY app.txt /app/app.txt\nCMD ["/bin/busybox", "cat", "/app/app.txt"]\n',
    'app.txt': 'hello\n',
    ...extra,
  };
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

/** Private buildah storage (vfs, chroot isolation) and auth file, as a Kubernetes runner would configure it. */
export function buildahEnv(): NodeJS.ProcessEnv {
  return privateBuildahEnv(tempDir('eks-kit-bp-buildah-'));
}

/**
 * A PATH directory whose docker, buildah and git record every argv (NUL-separated, one run per
 * record) to `log` and then run the real program.
 */
export function argvRecorder(): { bin: string; log: string } {
  const dir = tempDir('eks-kit-bp-shim-');
  const bin = path.join(dir, 'bin');
  mkdirSync(bin);
  const log = path.join(dir, 'argv.log');
  writeFileSync(log, '');
  for (const program of ['docker', 'buildah', 'git']) {
    const real = execFileSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' }).trim();
    if (!real) throw new Error(`${program} is not on PATH`);
    const script = `#!/bin/sh\nprintf '%s\\0' "${program}" "$@" >> '${log}'\nprintf '\\n' >> '${log}'\nexec '${real}' "$@"\n`;
    writeFileSync(path.join(bin, program), script);
    chmodSync(path.join(bin, program), 0o755);
  }
  return { bin, log };
}

/** A busybox workspace that is a git checkout with one commit, as actions/checkout leaves it. */
export function gitWorkspace(): { workspace: string; sha: string } {
  const workspace = busyboxWorkspace();
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=eks-kit', '-c', 'user.email=eks-kit@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: workspace, encoding: 'utf8' }).trim();
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'initial');
  return { workspace, sha: git('rev-parse', 'HEAD') };
}
