import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootfsFiles } from '../../../src/index.js';

/**
 * A build context that needs nothing downloaded: `FROM scratch` plus the static busybox from the
 * Debian package busybox-static. ECR cannot scan such an image (no OS it knows); with
 * `packageDatabase` the context also copies in an os-release and a dpkg database, which it can.
 */
export async function busyboxContext(labels: Record<string, string> = {}, options: { packageDatabase?: boolean } = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'eks-kit-build-'));
  try {
    await copyFile('/bin/busybox', join(dir, 'busybox'));
  } catch (error) {
    throw new Error(`static busybox missing (install the Debian package busybox-static): ${(error as Error).message}`);
  }
  let copyRoot = '';
  if (options.packageDatabase) {
    for (const [file, text] of Object.entries(rootfsFiles('debian', 'busybox'))) {
      await mkdir(join(dir, 'rootfs', file, '..'), { recursive: true });
      await writeFile(join(dir, 'rootfs', file), text);
    }
    copyRoot = 'COPY rootfs/ /\n';
  }
  const labelLines = Object.entries(labels).map(([k, v]) => `LABEL ${k}="${v}"\n`).join('');
  await writeFile(join(dir, 'Dockerfile'), `FROM scratch\nCOPY busybox /bin/busybox\n${copyRoot}${labelLines}CMD ["/bin/busybox", "true"]\n`);
  return dir;
}
