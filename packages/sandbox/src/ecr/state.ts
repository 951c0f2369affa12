import type { ScanFixture } from './findings.js';
import type { ImageContents } from './image-contents.js';

export type TagMutability = 'MUTABLE' | 'IMMUTABLE' | 'IMMUTABLE_WITH_EXCLUSION' | 'MUTABLE_WITH_EXCLUSION';
export type ScanType = 'BASIC' | 'ENHANCED';

export interface ExclusionFilter {
  filterType: string;
  filter: string;
}

export interface ScanRecord {
  type: ScanType;
  startedAt: Date;
  /** When the scan leaves IN_PROGRESS/PENDING for the fixture's status. */
  readyAt: Date;
  /** Enhanced scanning: when Inspector's findings and completion time show, after the status says ACTIVE. */
  findingsAt: Date;
  fixture: ScanFixture;
  /** What the scanner found to scan in the image's layers. */
  contents: ImageContents;
}

export interface RepositoryRecord {
  name: string;
  createdAt: Date;
  imageTagMutability: TagMutability;
  exclusionFilters: ExclusionFilter[];
  scanOnPush: boolean;
  encryptionType: string;
  kmsKey?: string;
  lifecyclePolicyText?: string;
  tags: { Key: string; Value: string }[];
  /** First push of each digest through the sandbox. */
  pushedAt: Map<string, Date>;
  lastPulledAt: Map<string, Date>;
  /** Digests pushed untagged (e.g. index children) that the registry cannot list. */
  knownDigests: Set<string>;
  scans: Map<string, ScanRecord>;
  /** Scan results a test pinned for a digest or tag, ahead of any scenario rule. */
  pinnedFixtures: Map<string, ScanFixture>;
}

export interface RegistryScanningRule {
  scanFrequency: 'SCAN_ON_PUSH' | 'CONTINUOUS_SCAN' | 'MANUAL';
  repositoryFilters: { filter: string; filterType: string }[];
}

export interface ScanningScenario {
  type?: ScanType;
  /** How long a scan stays IN_PROGRESS (basic) or PENDING (enhanced) before its result shows. */
  delayMs?: number;
  /**
   * Enhanced scanning: how long after the status turns ACTIVE Inspector's findings (and the scan
   * completion time) still have not arrived, as ECR can answer. Default 0.
   */
  enhancedFindingsLagMs?: number;
  /** Fixture name used when no rule below matches. */
  defaultFixture?: string;
  /** Tag glob (`release-*`) to fixture name. */
  byTag?: Record<string, string>;
  /** Repository glob to fixture name. */
  byRepository?: Record<string, string>;
}

export interface RepositorySeed {
  name: string;
  imageTagMutability?: TagMutability;
  scanOnPush?: boolean;
}

export interface EcrScenario {
  repositories?: RepositorySeed[];
  scanning?: ScanningScenario;
  fixtures?: Record<string, ScanFixture>;
}

/** Image label that picks the scan fixture for an image, e.g. `LABEL org.eks-kit.sandbox.scan=critical`. */
export const SCAN_FIXTURE_LABEL = 'org.eks-kit.sandbox.scan';

export function newRepository(name: string, createdAt: Date, seed: Partial<RepositoryRecord> = {}): RepositoryRecord {
  return {
    name,
    createdAt,
    imageTagMutability: 'MUTABLE',
    exclusionFilters: [],
    scanOnPush: false,
    encryptionType: 'AES256',
    tags: [],
    pushedAt: new Map(),
    lastPulledAt: new Map(),
    knownDigests: new Set(),
    scans: new Map(),
    pinnedFixtures: new Map(),
    ...seed,
  };
}
