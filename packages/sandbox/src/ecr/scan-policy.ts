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
  enhancedFindingsLagMs: number;
  registryScanType: ScanType;
  registryRules: RegistryScanningRule[] = [];
  readonly fixtures: Record<string, ScanFixture>;

  constructor(
    private readonly scenario: ScanningScenario = {},
    fixtures: Record<string, ScanFixture> = {},
  ) {
    this.delayMs = scenario.delayMs ?? 1000;
    this.enhancedFindingsLagMs = scenario.enhancedFindingsLagMs ?? 0;
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

const UNSUPPORTED = 'The operating system and/or package manager are not supported.';

/**
 * The status a scan shows at `now`. Basic: IN_PROGRESS, then COMPLETE with findings (none when the
 * image has no package database it reads) or FAILED with UnsupportedImageError. Enhanced: PENDING,
 * then ACTIVE; findings and the completion time only once Inspector has reported (`findingsAt`).
 * A status the fixture names explicitly wins over what the contents would give.
 */
export function viewScan(scan: ScanRecord, now: Date): ScanView {
  const enhanced = scan.type === 'ENHANCED';
  if (now < scan.readyAt) {
    return enhanced ? { status: 'PENDING', description: 'Pending initial scan.' } : { status: 'IN_PROGRESS', description: 'The scan is in progress.' };
  }
  if (!scan.fixture.status && scan.contents === 'unsupported') {
    return enhanced ? { status: 'UNSUPPORTED_IMAGE', description: UNSUPPORTED } : { status: 'FAILED', description: `UnsupportedImageError: ${UNSUPPORTED}` };
  }
  const status = scan.fixture.status ?? (enhanced ? 'ACTIVE' : 'COMPLETE');
  const description = scan.fixture.description ?? defaultDescription(status);
  if (status !== 'COMPLETE' && status !== 'ACTIVE') return { status, description };
  if (enhanced && now < scan.findingsAt) return { status, description };
  // Basic scanning does not read distroless's dpkg records (status.d/); Amazon Inspector does.
  const fixture = scan.contents === 'no-package-database' && !enhanced ? { ...scan.fixture, findings: [] } : scan.fixture;
  return { status, description, completedAt: enhanced ? scan.findingsAt : scan.readyAt, fixture };
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
      return UNSUPPORTED;
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
