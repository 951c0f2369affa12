import { layerPaths } from '../registry/tar.js';

/**
 * What ECR's scanners find in an image, which decides how its scan ends:
 * - `packages`: an OS release file and a package database the scanner reads; findings as the scenario says;
 * - `no-package-database`: an OS it knows but no database basic scanning reads (distroless keeps dpkg
 *   records in `status.d/`): a basic scan completes with no findings, though nothing was scanned;
 *   enhanced scanning (Amazon Inspector, which supports distroless) finds what the scenario says;
 * - `unsupported`: no OS it knows (an image built `FROM scratch`, a static binary): basic scanning
 *   ends FAILED with UnsupportedImageError and enhanced scanning UNSUPPORTED_IMAGE.
 */
export type ImageContents = 'packages' | 'no-package-database' | 'unsupported';

const OS_RELEASE = ['etc/os-release', 'usr/lib/os-release', 'etc/alpine-release', 'etc/debian_version', 'etc/redhat-release'];
const PACKAGE_DATABASES = [/^var\/lib\/dpkg\/status$/, /^lib\/apk\/db\/installed$/, /^var\/lib\/rpm\/(Packages|Packages\.db|rpmdb\.sqlite)$/, /^usr\/lib\/sysimage\/rpm\/rpmdb\.sqlite$/];

/** Classifies an image from its layers' file lists; a layer that is not a tar leaves nothing to scan. */
export function classifyContents(layers: readonly Buffer[]): ImageContents {
  const paths = new Set<string>();
  for (const layer of layers) {
    const listed = layerPaths(layer);
    if (!listed) return 'unsupported';
    for (const name of listed) paths.add(name);
  }
  if (!OS_RELEASE.some((name) => paths.has(name))) return 'unsupported';
  return [...paths].some((name) => PACKAGE_DATABASES.some((pattern) => pattern.test(name))) ? 'packages' : 'no-package-database';
}

/** Files that make a test image look like a Debian image with a package database, or distroless, or scratch. */
export function rootfsFiles(kind: 'debian' | 'distroless' | 'scratch', marker: string): Record<string, string> {
  const release = { 'etc/os-release': 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n' };
  switch (kind) {
    case 'debian':
      return { ...release, 'var/lib/dpkg/status': 'Package: libc6\nStatus: install ok installed\nVersion: 2.36-9\n\n', 'app/marker': marker };
    case 'distroless':
      return { ...release, 'var/lib/dpkg/status.d/libc6': 'Package: libc6\nVersion: 2.36-9\n', 'app/marker': marker };
    case 'scratch':
      return { 'app/marker': marker };
  }
}
