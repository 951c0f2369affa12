import { wildcardMatch } from '../aws/validate.js';
import type { ScanFixture, ScanStatus } from './findings.js';
import type { RegistryScanningRule, RepositoryRecord, ScanRecord, ScanType, ScanningScenario } from './state.js';

const DEFAULT_FIXTURES: Record<string, ScanFixture> = { clean: { findings: [] } };

export interface ScanView {
  status: ScanStatus;
  description: string;
  completedAt?: Date;
  /** Present once the scan has findings to show. */
  fixture?: ScanFixture;
}

/** Which result a scan ends with, how long it takes, and which scanning applies to a repository. */
export class ScanPolicy {
  delayMs: number;
  registryScanType: ScanType;
  registryRules: RegistryScanningRule[] = [];
  readonly fixtures: Record<string, ScanFixture>;

  constructor(
    private readonly scenario: ScanningScenario = {},
    fixtures: Record<string, ScanFixture> = {},
  ) {
    this.delayMs = scenario.delayMs ?? 1000;
    this.registryScanType = scenario.type ?? 'BASIC';
    this.fixtures = { ...DEFAULT_FIXTURES, ...fixtures };
    // A typo in a rule should stop the sandbox from starting, not surface at the first push.
    const named = [scenario.defaultFixture, ...Object.values(scenario.byTag ?? {}), ...Object.values(scenario.byRepository ?? {})];
    for (const name of named) if (name !== undefined) this.fixture(name);
  }

  fixture(name: string): ScanFixture {
    const fixture = this.fixtures[name];
    if (!fixture) throw new Error(`unknown scan fixture '${name}' (known: ${Object.keys(this.fixtures).join(', ')})`);
    return fixture;
  }

  /** Pinned result > image label > tag rule > repository rule > default. */
  choose(repository: RepositoryRecord, digest: string, tags: readonly string[], label: string | undefined): ScanFixture {
    const pinned = repository.pinnedFixtures.get(digest) ?? tags.map((t) => repository.pinnedFixtures.get(t)).find(Boolean);
    if (pinned) return pinned;
    if (label) return this.fixture(label);
    for (const [pattern, name] of Object.entries(this.scenario.byTag ?? {})) {
      if (tags.some((tag) => wildcardMatch(pattern, tag))) return this.fixture(name);
    }
    for (const [pattern, name] of Object.entries(this.scenario.byRepository ?? {})) {
      if (wildcardMatch(pattern, repository.name)) return this.fixture(name);
    }
    return this.fixture(this.scenario.defaultFixture ?? 'clean');
  }

  /** Whether a push to this repository starts a scan, and of which kind. */
  scanOnPush(repository: RepositoryRecord): ScanType | undefined {
    if (this.registryScanType === 'ENHANCED') {
      const covered = this.registryRules.some(
        (rule) =>
          rule.scanFrequency !== 'MANUAL' && rule.repositoryFilters.some((f) => wildcardMatch(f.filter, repository.name)),
      );
      return covered || this.registryRules.length === 0 ? 'ENHANCED' : undefined;
    }
    return repository.scanOnPush ? 'BASIC' : undefined;
  }
}

/** The status a scan shows at `now`: pending until its delay has passed, then the fixture's result. */
export function viewScan(scan: ScanRecord, now: Date): ScanView {
  if (now < scan.readyAt) {
    return scan.type === 'ENHANCED'
      ? { status: 'PENDING', description: 'Pending initial scan.' }
      : { status: 'IN_PROGRESS', description: 'The scan is in progress.' };
  }
  const status = scan.fixture.status ?? (scan.type === 'ENHANCED' ? 'ACTIVE' : 'COMPLETE');
  const hasFindings = status === 'COMPLETE' || status === 'ACTIVE';
  return {
    status,
    description: scan.fixture.description ?? defaultDescription(status),
    completedAt: scan.readyAt,
    ...(hasFindings ? { fixture: scan.fixture } : {}),
  };
}

function defaultDescription(status: ScanStatus): string {
  switch (status) {
    case 'COMPLETE':
      return 'The scan was completed successfully.';
    case 'ACTIVE':
      return 'Continuous scan is selected for image.';
    case 'FAILED':
      return 'Scan failed: the image could not be scanned.';
    case 'UNSUPPORTED_IMAGE':
      return 'UnsupportedImageError: The operating system and/or package manager are not supported.';
    case 'FINDINGS_UNAVAILABLE':
      return 'Findings are unavailable for this image.';
    case 'SCAN_ELIGIBILITY_EXPIRED':
      return 'Scan eligibility for this image has expired.';
    case 'LIMIT_EXCEEDED':
      return 'The scan limit for this image has been exceeded.';
    default:
      return status;
  }
}
