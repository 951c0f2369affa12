import { epochSeconds } from '../aws/errors.js';
import type { EksEmulator } from './emulator.js';
import { page } from './request.js';
import type { EksRequest } from './request.js';
import type { ClusterVersionSeed } from './types.js';

export function describeAddonVersions(eks: EksEmulator, request: EksRequest) {
  const kubernetesVersion = request.query.get('kubernetesVersion');
  const addonName = request.query.get('addonName');
  const types = request.query.getAll('types');
  const publishers = request.query.getAll('publishers');
  const owners = request.query.getAll('owners');
  const addons = (eks.scenario.addonVersions ?? [])
    .filter((a) => !addonName || a.addonName === addonName)
    .filter((a) => types.length === 0 || types.includes(a.type ?? 'networking'))
    .filter((a) => publishers.length === 0 || publishers.includes(a.publisher ?? 'eks'))
    .filter((a) => owners.length === 0 || owners.includes(a.owner ?? 'aws'))
    .map((a) => ({
      addonName: a.addonName,
      type: a.type ?? 'networking',
      publisher: a.publisher ?? 'eks',
      owner: a.owner ?? 'aws',
      addonVersions: a.versions
        .filter((v) => !kubernetesVersion || v.clusterVersions.includes(kubernetesVersion))
        .map((v) => ({
          addonVersion: v.addonVersion,
          architecture: ['amd64', 'arm64'],
          computeTypes: ['ec2'],
          compatibilities: v.clusterVersions
            .filter((cv) => !kubernetesVersion || cv === kubernetesVersion)
            .map((cv) => ({ clusterVersion: cv, platformVersions: ['*'], defaultVersion: (v.defaultFor ?? []).includes(cv) })),
          requiresConfiguration: false,
          requiresIamPermissions: false,
        })),
    }))
    .filter((a) => a.addonVersions.length > 0);
  const { page: pageItems, nextToken } = page(addons, request);
  return { addons: pageItems, ...(nextToken ? { nextToken } : {}) };
}

type SupportStatus = 'standard-support' | 'extended-support' | 'unsupported';

function supportStatus(version: ClusterVersionSeed, now: Date): SupportStatus {
  if (now < new Date(version.endOfStandardSupportDate)) return 'standard-support';
  if (now < new Date(version.endOfExtendedSupportDate)) return 'extended-support';
  return 'unsupported';
}

const VERSION_STATUS: Record<SupportStatus, string> = {
  'standard-support': 'STANDARD_SUPPORT',
  'extended-support': 'EXTENDED_SUPPORT',
  unsupported: 'UNSUPPORTED',
};

export function describeClusterVersions(eks: EksEmulator, request: EksRequest) {
  const q = request.query;
  const wanted = q.getAll('clusterVersions');
  const defaultOnly = q.get('defaultOnly') === 'true';
  const includeAll = q.get('includeAll') === 'true';
  const status = q.get('status');
  const versionStatus = q.get('versionStatus');
  const clusterType = q.get('clusterType') ?? 'eks';
  const now = eks.now();
  const versions = (eks.scenario.clusterVersions ?? [])
    .map((v) => ({ seed: v, status: supportStatus(v, now) }))
    .filter(({ seed, status: s }) => {
      if (wanted.length > 0 && !wanted.includes(seed.clusterVersion)) return false;
      if (defaultOnly && !seed.defaultVersion) return false;
      if (status && s !== status) return false;
      if (versionStatus && VERSION_STATUS[s] !== versionStatus) return false;
      return includeAll || wanted.length > 0 || s !== 'unsupported';
    })
    .sort((a, b) => compareVersions(b.seed.clusterVersion, a.seed.clusterVersion))
    .map(({ seed, status: s }) => ({
      clusterVersion: seed.clusterVersion,
      clusterType,
      defaultPlatformVersion: seed.defaultPlatformVersion ?? 'eks.1',
      defaultVersion: seed.defaultVersion ?? false,
      releaseDate: epochSeconds(new Date(seed.releaseDate)),
      endOfStandardSupportDate: epochSeconds(new Date(seed.endOfStandardSupportDate)),
      endOfExtendedSupportDate: epochSeconds(new Date(seed.endOfExtendedSupportDate)),
      status: s,
      versionStatus: VERSION_STATUS[s],
      kubernetesPatchVersion: seed.kubernetesPatchVersion ?? `${seed.clusterVersion}.0`,
    }));
  const { page: clusterVersions, nextToken } = page(versions, request);
  return { clusterVersions, ...(nextToken ? { nextToken } : {}) };
}

function compareVersions(a: string, b: string): number {
  const [am = 0, an = 0] = a.split('.').map(Number);
  const [bm = 0, bn = 0] = b.split('.').map(Number);
  return am - bm || an - bn;
}
