import { readFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '@eks-kit/core';
import type { Kubectl } from '../kubectl.js';
import { parseManifests } from './parse.js';
import { expandManifestPaths } from './paths.js';
import type { Manifest } from './types.js';

export interface ManifestSources {
  /** Files, directories and globs. */
  paths: readonly string[];
  /** Kustomization directories, rendered with `kubectl kustomize`. */
  kustomize?: readonly string[];
  cwd: string;
}

/** Reads and parses every manifest; paths in messages are relative to cwd, as users wrote them. */
export async function loadManifests(sources: ManifestSources, kubectl?: Pick<Kubectl, 'run'>): Promise<Manifest[]> {
  const manifests: Manifest[] = [];
  if (sources.paths.length > 0) {
    for (const file of expandManifestPaths(sources.paths, sources.cwd)) {
      const display = path.relative(sources.cwd, file) || file;
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        throw new InputError(display, `cannot be read: ${(error as Error).message}`);
      }
      manifests.push(...parseManifests(text, display));
    }
  }
  for (const dir of sources.kustomize ?? []) {
    if (!kubectl) throw new InputError('kustomize', 'needs kubectl');
    const result = await kubectl.run(['kustomize', path.resolve(sources.cwd, dir)], { allowFailure: true });
    if (result.exitCode !== 0) throw new InputError('kustomize', `kubectl kustomize ${dir} failed: ${result.stderr.trim().split('\n').slice(-2).join(' ')}`);
    manifests.push(...parseManifests(result.stdout, `${dir} (kustomize output)`));
  }
  if (manifests.length === 0) throw new InputError('manifests', 'no Kubernetes objects found');
  return manifests;
}
