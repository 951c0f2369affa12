/**
 * The demo cannot pull `node:22-alpine` (no Docker Hub here), so it assembles a Node.js runtime
 * image from this machine's own node, npm and static busybox, in buildah's local storage. The
 * example Dockerfile takes its base image from a build argument, so the demo passes this one.
 * The image carries the machine's os-release and the Debian package records of the files it
 * copies, as a distribution base image does, so ECR's basic scanning has a package database to read.
 */
import { chmodSync, cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from './programs.js';

export const BASE_IMAGE = 'localhost/eks-kit-demo/node-runtime:local';

export interface BaseImage {
  reference: string;
  /** Debian package name → version, of the packages whose files the image holds. */
  packages: Record<string, string>;
}

/** Shared libraries `ldd` names for a binary, plus its program interpreter. */
async function sharedLibraries(binary: string): Promise<string[]> {
  const listing = await run('ldd', [binary]);
  return [...listing.matchAll(/(\/\S+) \(0x/g)].map((m) => m[1]!);
}

/**
 * The dpkg status records of the packages that own `files`. Files no package owns are left out.
 */
async function packageRecords(files: readonly string[]): Promise<{ status: string; packages: Record<string, string> }> {
  const owners = new Set<string>();
  for (const file of files) {
    // A library ldd names under /lib may be recorded under /usr/lib, or the other way round.
    for (const candidate of new Set([file, realpathSync(file)])) {
      const owner = await run('dpkg-query', ['--search', candidate]).catch(() => '');
      const name = /^([^\s:]+(?::[a-z0-9]+)?): /.exec(owner)?.[1];
      if (name) owners.add(name);
    }
  }
  const records: string[] = [];
  const packages: Record<string, string> = {};
  for (const owner of [...owners].sort()) {
    const record = await run('dpkg-query', ['--status', owner]);
    records.push(record);
    const version = /^Version: (.+)$/m.exec(record)?.[1];
    if (version) packages[owner.split(':')[0]!] = version;
  }
  if (records.length === 0) throw new Error('no Debian package owns node, its libraries or busybox here: the demo needs a Debian or Ubuntu machine (npm run setup)');
  return { status: `${records.join('\n\n')}\n`, packages };
}

export async function buildBaseImage(env: Record<string, string>): Promise<BaseImage> {
  const node = realpathSync(process.execPath);
  const npm = path.resolve(path.dirname(realpathSync(path.join(path.dirname(process.execPath), 'npm'))), '..');
  const root = mkdtempSync(path.join(tmpdir(), 'eks-kit-demo-rootfs-'));
  try {
    for (const dir of ['usr/bin', 'usr/lib/node_modules', 'bin', 'etc', 'tmp', 'home/node']) mkdirSync(path.join(root, dir), { recursive: true });
    cpSync(node, path.join(root, 'usr/bin/node'));
    const libraries = await sharedLibraries(node);
    for (const library of libraries) {
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
    const { status, packages } = await packageRecords([node, ...libraries, '/bin/busybox']);
    mkdirSync(path.join(root, 'var/lib/dpkg'), { recursive: true });
    writeFileSync(path.join(root, 'var/lib/dpkg/status'), status);
    cpSync(realpathSync('/etc/os-release'), path.join(root, 'etc/os-release'));

    const container = await run('buildah', ['from', 'scratch'], { env });
    try {
      await run('buildah', ['copy', container, `${root}/`, '/'], { env });
      await run('buildah', ['config', '--env', 'PATH=/usr/local/bin:/usr/bin:/bin', '--cmd', 'node', container], { env });
      await run('buildah', ['commit', '--quiet', container, BASE_IMAGE], { env });
    } finally {
      await run('buildah', ['rm', container], { env }).catch(() => undefined);
    }
    return { reference: BASE_IMAGE, packages };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
