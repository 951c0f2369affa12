import { copyFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A build context that needs nothing downloaded: `FROM scratch` plus the static busybox from the
 * Debian package busybox-static.
 */
export async function busyboxContext(labels: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'eks-kit-build-'));
  try {
    await copyFile('/bin/busybox', join(dir, 'busybox'));
  } catch (error) {
    throw new Error(`static busybox missing (install the Debian package busybox-static): ${(error as Error).message}`);
  }
  const labelLines = Object.entries(labels).map(([k, v]) => `LABEL ${k}="${v}"\n`).join('');
  await writeFile(join(dir, 'Dockerfile'), `FROM scratch\nCOPY busybox /bin/busybox\n${labelLines}CMD ["/bin/busybox", "true"]\n`);
  return dir;
}
