/**
 * buildah with private storage in `dir`, as a Kubernetes runner without Docker is set up: vfs
 * storage (no overlay mounts needed), chroot isolation, its own registry auth file. Nothing touches
 * the machine's own containers storage. Used by the build-push tests and the demo.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function privateBuildahEnv(dir: string): Record<string, string> {
  mkdirSync(dir, { recursive: true });
  const conf = path.join(dir, 'storage.conf');
  writeFileSync(conf, `[storage]\ndriver = "vfs"\ngraphroot = "${dir}/root"\nrunroot = "${dir}/run"\n`);
  const auth = path.join(dir, 'auth.json');
  writeFileSync(auth, '{}');
  return { CONTAINERS_STORAGE_CONF: conf, STORAGE_DRIVER: 'vfs', BUILDAH_ISOLATION: 'chroot', REGISTRY_AUTH_FILE: auth };
}
