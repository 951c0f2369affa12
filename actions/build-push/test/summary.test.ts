import { describe, expect, it } from '@jest/globals';
import type { BuildPushResult } from '@eks-kit/image-push';
import { formatBytes, renderSummary } from '../src/summary.js';
import { parseSavedLogin } from '../src/state.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const RESULT: BuildPushResult = {
  driver: 'docker',
  registry: '111122223333.dkr.ecr.eu-west-1.amazonaws.com',
  repositoryUri: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/web',
  repositoryCreated: false,
  digest: DIGEST,
  image: `111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/web@${DIGEST}`,
  tags: ['0123456', 'main'],
  skippedTags: ['0123456'],
  notPushedTags: [],
  sizeBytes: 12_345_678,
  buildMs: 41_200,
  pushMs: 3_100,
  totalMs: 45_000,
  apiCalls: 4,
  apiRetries: 1,
  pushRetries: 0,
};

describe('build-push job summary', () => {
  it('shows the image, digest, tags, size and the time of each part', () => {
    const summary = renderSummary(RESULT);
    expect(summary).toContain('## Image pushed: `111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/web`');
    expect(summary).toContain(`| Digest | \`${DIGEST}\` |`);
    expect(summary).toContain('| Tags | `0123456` (already there), `main` |');
    expect(summary).toContain('| Size (compressed, as ECR counts it) | 11.8 MiB |');
    expect(summary).toContain('| Build time | 41.2 s |');
    expect(summary).toContain('| Push time | 3.1 s |');
    expect(summary).toContain('| Everything else | 0.7 s (4 ECR API calls, 1 retried) |');
    expect(summary).not.toContain('created by this run');
    expect(summary).not.toContain('Not pushed');
  });

  it('names the moving tags an immutable repository kept out, and a run that had nothing to build', () => {
    const summary = renderSummary({ ...RESULT, tags: ['0123456'], skippedTags: ['0123456'], notPushedTags: ['main', '1.4'], buildMs: 0, pushMs: 0 });
    expect(summary).toContain('| Not pushed | `main`, `1.4`: these tags move with every push and the repository keeps them immutable |');
    expect(summary).toContain('Every tag already named this image: nothing was built or pushed.');
  });

  it('says when buildx pushed while building, the repository was created, or the push was retried', () => {
    const summary = renderSummary({ ...RESULT, driver: 'buildx', pushMs: 0, repositoryCreated: true, pushRetries: 2 });
    expect(summary).toContain('| Push time | part of the build (buildx pushes while building) |');
    expect(summary).toContain('The repository was created by this run.');
    expect(summary).toContain('The push was retried 2 times after the registry refused it.');
  });

  it('labels each layer against the previous image, a same-size rebuild included', () => {
    const layer = (digest: string, size: number) => ({ digest: `sha256:${digest.repeat(64)}`, size });
    const row = (l: ReturnType<typeof layer>, label: string, change: 'same' | 'changed' | 'new', deltaBytes: number) => ({ layer: l, label, change, deltaBytes });
    const summary = renderSummary({
      ...RESULT,
      layers: {
        digest: DIGEST,
        sizeBytes: 3 * 1024 * 1024,
        rows: [
          row(layer('1', 1024 * 1024), 'base image layer', 'same', 0),
          row(layer('2', 1024 * 1024), 'Dockerfile:2 (COPY busybox /bin/busybox)', 'changed', 0),
          row(layer('3', 1024 * 1024), 'Dockerfile:3 (COPY app.txt /app/app.txt)', 'changed', 2048),
          row(layer('4', 512), 'Dockerfile:4 (RUN touch /x)', 'new', 512),
        ],
        previous: { tag: 'main', digest: `sha256:${'b'.repeat(64)}`, sizeBytes: 3 * 1024 * 1024 - 2560 },
        removed: [],
        deltaBytes: 2560,
      },
    });
    expect(summary).toContain('| 1 | 1.0 MiB | base image layer | unchanged |');
    expect(summary).toContain('| 2 | 1.0 MiB | Dockerfile:2 (COPY busybox /bin/busybox) | changed, same size |');
    expect(summary).toContain('| 3 | 1.0 MiB | Dockerfile:3 (COPY app.txt /app/app.txt) | changed (+2.0 KiB) |');
    expect(summary).toContain('| 4 | 512 B | Dockerfile:4 (RUN touch /x) | new (+512 B) |');
  });

  it('formats sizes', () => {
    expect(formatBytes(undefined)).toBe('unknown');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.0 KiB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.0 GiB');
  });
});

describe('post-step state', () => {
  it('accepts only what the main step saves', () => {
    expect(parseSavedLogin(JSON.stringify({ program: 'buildah', host: '127.0.0.1:5000' }))).toEqual({ program: 'buildah', host: '127.0.0.1:5000' });
    expect(parseSavedLogin('')).toBeUndefined();
    expect(parseSavedLogin('{"program":"sh","host":"x"}')).toBeUndefined();
    expect(parseSavedLogin('{"program":"docker","host":"--all"}')).toBeUndefined();
    expect(parseSavedLogin('not json')).toBeUndefined();
  });
});
