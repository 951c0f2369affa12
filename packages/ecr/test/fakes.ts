import {
  BatchGetImageCommand,
  DescribeImageScanFindingsCommand,
  DescribeImagesCommand,
  StartImageScanCommand,
  type BatchGetImageCommandOutput,
  type DescribeImageScanFindingsCommandOutput,
  type DescribeImagesCommandOutput,
  type EnhancedImageScanFinding,
  type ImageScanFinding,
  type StartImageScanCommandOutput,
} from '@aws-sdk/client-ecr';
import { MemoryLogger } from '@eks-kit/core';
import type { FakeClock } from '@eks-kit/core/testing';
import type { EcrCaller, EcrClientLike, EcrCommand } from '../src/index.js';

export { awsError, FakeClock } from '@eks-kit/core/testing';

type Answer<T> = T | Error | ((input: never) => T | Error);

export interface FakeEcrScript {
  describe?: Answer<Partial<DescribeImageScanFindingsCommandOutput>>[];
  start?: Answer<Partial<StartImageScanCommandOutput>>[];
  batchGet?: Answer<Partial<BatchGetImageCommandOutput>>[];
  /** Default: no details, so the push time is unknown. */
  describeImages?: Answer<Partial<DescribeImagesCommandOutput>>[];
}

/**
 * Answers each operation from a script, one entry per call (the last one repeats), and records
 * every call with its input.
 */
export class FakeEcr implements EcrClientLike {
  readonly calls: { operation: string; input: Record<string, unknown> }[] = [];
  constructor(private readonly script: FakeEcrScript) {}

  async send(command: EcrCommand): Promise<unknown> {
    const operation =
      command instanceof DescribeImageScanFindingsCommand
        ? 'describe'
        : command instanceof StartImageScanCommand
          ? 'start'
          : command instanceof BatchGetImageCommand
            ? 'batchGet'
            : command instanceof DescribeImagesCommand
              ? 'describeImages'
              : 'unknown';
    const input = command.input as unknown as Record<string, unknown>;
    const answers = this.script[operation as keyof FakeEcrScript] ?? (operation === 'describeImages' ? [{ imageDetails: [] }] : []);
    const index = this.calls.filter((c) => c.operation === operation).length;
    this.calls.push({ operation, input });
    const answer = answers[Math.min(index, answers.length - 1)];
    if (answer === undefined) throw new Error(`FakeEcr: no answer scripted for ${operation}`);
    const value = typeof answer === 'function' ? (answer as (i: unknown) => unknown)(input) : answer;
    if (value instanceof Error) throw value;
    return value;
  }

  count(operation: keyof FakeEcrScript): number {
    return this.calls.filter((c) => c.operation === operation).length;
  }
}

export function caller(client: EcrClientLike, clock: FakeClock, timeoutMs = 600_000): EcrCaller & { logger: MemoryLogger } {
  return {
    client,
    clock,
    logger: new MemoryLogger(),
    deadline: clock.now() + timeoutMs,
    backoff: { initialMs: 500, maxMs: 8000 },
    stats: { calls: 0 },
  };
}

export const DIGEST = `sha256:${'a'.repeat(64)}`;

export function status(value: string, description = ''): Partial<DescribeImageScanFindingsCommandOutput> {
  return { imageScanStatus: { status: value as never, description } };
}

export function basic(id: string, severity: string, extra: { pkg?: string; version?: string; cvss?: number } = {}): ImageScanFinding {
  return {
    name: id,
    severity: severity as never,
    uri: `https://nvd.nist.gov/vuln/detail/${id}`,
    attributes: [
      { key: 'package_name', value: extra.pkg ?? 'openssl' },
      { key: 'package_version', value: extra.version ?? '1.0' },
      ...(extra.cvss !== undefined ? [{ key: 'CVSS3_SCORE', value: String(extra.cvss) }] : []),
    ],
  };
}

export function enhanced(id: string, severity: string, extra: { pkg?: string; fixed?: string; cvss?: number } = {}): EnhancedImageScanFinding {
  return {
    findingArn: `arn:aws:inspector2:us-east-1:111122223333:finding/${id}`,
    severity,
    fixAvailable: extra.fixed ? 'YES' : 'NO',
    title: `${id} - ${extra.pkg ?? 'openssl'}`,
    ...(extra.cvss !== undefined ? { score: extra.cvss, scoreDetails: { cvss: { score: extra.cvss } } } : {}),
    packageVulnerabilityDetails: {
      vulnerabilityId: id,
      sourceUrl: `https://nvd.nist.gov/vuln/detail/${id}`,
      vulnerablePackages: [{ name: extra.pkg ?? 'openssl', version: '1.0', ...(extra.fixed ? { fixedInVersion: extra.fixed } : {}) }],
    },
  };
}

/** When the fakes' scans completed: the FakeClock's start. */
export const COMPLETED_AT = new Date('2026-06-01T12:00:00Z');

export function complete(findings: ImageScanFinding[], nextToken?: string, completedAt: Date | null = COMPLETED_AT): Partial<DescribeImageScanFindingsCommandOutput> {
  return { imageScanStatus: { status: 'COMPLETE' }, imageScanFindings: { findings, ...(completedAt ? { imageScanCompletedAt: completedAt } : {}) }, ...(nextToken ? { nextToken } : {}) };
}

export function active(findings: EnhancedImageScanFinding[], nextToken?: string, completedAt: Date | null = COMPLETED_AT): Partial<DescribeImageScanFindingsCommandOutput> {
  return {
    imageScanStatus: { status: 'ACTIVE' },
    imageScanFindings: { enhancedFindings: findings, ...(completedAt ? { imageScanCompletedAt: completedAt, vulnerabilitySourceUpdatedAt: completedAt } : {}) },
    ...(nextToken ? { nextToken } : {}),
  };
}
