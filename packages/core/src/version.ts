import { readFileSync } from 'node:fs';

// Replaced by the kit's version from the root package.json when the bundles are built (esbuild
// `define` in scripts/package.mjs); absent when the sources run under tsx or jest.
declare const __EKS_KIT_VERSION__: string | undefined;

/** The kit's one version, as the root package.json states it. */
export const KIT_VERSION: string = typeof __EKS_KIT_VERSION__ === 'string' ? __EKS_KIT_VERSION__ : versionFromPackageJson();

function versionFromPackageJson(): string {
  // From packages/core/src/ to the repository root.
  const manifest = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string };
  if (!manifest.version) throw new Error('the root package.json has no version');
  return manifest.version;
}

/**
 * The application id AWS user agents carry, so requests are traceable to the kit: the SDK sends it
 * as `app/eks-kit#1.2.3` (`#` separates a version in user agent parts, as in `md/nodejs#20.19.0`).
 */
export const KIT_USER_AGENT_ID = `eks-kit#${KIT_VERSION}`;
