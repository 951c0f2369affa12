/**
 * The demo cannot pull `node:22-alpine` (no Docker Hub here), so it assembles a Node.js runtime
 * image from this machine's own node, npm and static busybox, in buildah's local storage. The
 * example Dockerfile takes its base image from a build argument, so the demo passes this one.
 */
import { chmodSync, cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from './programs.js';

export const BASE_IMAGE = 'localhost/eks-kit-demo/node-runtime:local';

/** Shared libraries `ldd` names for a binary, plus its program interpreter. */
async function sharedLibraries(binary: string): Promise<string[]> {
  const listing = await run('ldd', [binary]);
  return [...listing.matchAll(/(\/\S+) \(0x/g)].map((m) => m[1]!);
}

export async function buildBaseImage(env: Record<string, string>): Promise<string> {
  const node = realpathSync(process.execPath);
  const npm = path.resolve(path.dirname(realpathSync(path.join(path.dirname(process.execPath), 'npm'))), '..');
  const root = mkdtempSync(path.join(tmpdir(), 'eks-kit-demo-rootfs-'));
  try {
    for (const dir of ['usr/bin', 'usr/lib/node_modules', 'bin', 'etc', 'tmp', 'home/node']) mkdirSync(path.join(root, dir), { recursive: true });
    cpSync(node, path.join(root, 'usr/bin/node'));
    for (const library of await sharedLibraries(node)) {
      mkdirSync(path.join(root, path.dirname(library)), { recursive: true });
      cpSync(realpathSync(library), path.join(root, library));
    }
    cpSync(npm, path.join(root, 'usr/lib/node_modules/npm'), { recursive: true });
    symlinkSync('../lib/node_modules/npm/bin/npm-cli.js', path.join(root, 'usr/bin/npm'));
    cpSync('/bin/busybox', path.join(root, 'bin/busybox'));
    for (const tool of ['sh', 'wget']) symlinkSync('busybox', path.join(root, 'bin', tool));
    symlinkSync('/bin/busybox', path.join(root, 'usr/bin/env')); // npm's `#!/usr/bin/env node`
    writeFileSync(path.join(root, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000:node:/home/node:/bin/sh\n');
    writeFileSync(path.join(root, 'etc/group'), 'root:x:0:\nnode:x:1000:\n');
    chmodSync(path.join(root, 'tmp'), 0o1777);

    const container = await run('buildah', ['from', 'scratch'], { env });
    try {
      await run('buildah', ['copy', container, `${root}/`, '/'], { env });
      await run('buildah', ['config', '--env', 'PATH=/usr/local/bin:/usr/bin:/bin', '--cmd', 'node', container], { env });
      await run('buildah', ['commit', '--quiet', container, BASE_IMAGE], { env });
    } finally {
      await run('buildah', ['rm', container], { env }).catch(() => undefined);
    }
    return BASE_IMAGE;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
