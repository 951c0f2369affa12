import { describe, expect, it } from '@jest/globals';
import { buildInvocation, checkSupport, labelStamp, pushInvocation, type BuildPlan, type BuildSpec } from '../src/index.js';

const FILES = { iidFile: '/tmp/w/iid', metadataFile: '/tmp/w/metadata.json' };
const URI = '111122223333.dkr.ecr.eu-west-1.amazonaws.com/shop/api';

function spec(overrides: Partial<BuildSpec> = {}): BuildSpec {
  return {
    context: '/src',
    file: '/src/Dockerfile',
    buildArgs: { NODE_VERSION: '22' },
    secrets: [],
    labels: { 'org.opencontainers.image.revision': 'abc' },
    platforms: [],
    provenance: 'false',
    pull: false,
    ...overrides,
  };
}

const plan = (overrides: Partial<BuildPlan> = {}): BuildPlan => ({ references: [`${URI}:0123456`, `${URI}:main`], cacheFrom: [], push: true, ...overrides });

describe('buildx', () => {
  it('pushes while building, with the ECR-compatible registry cache, provenance, platforms, secrets and machine-readable output', () => {
    const invocation = buildInvocation(
      'buildx',
      spec({ platforms: ['linux/amd64', 'linux/arm64'], provenance: 'max', secrets: [{ id: 'npmrc', src: '/src/.npmrc' }, { id: 'token', env: 'NPM_TOKEN' }], target: 'runtime' }),
      plan({ registryCache: `${URI}:buildcache` }),
      FILES,
    );
    expect(invocation.command).toBe('docker');
    expect(invocation.args).toEqual([
      'buildx', 'build',
      '--file', '/src/Dockerfile',
      '--tag', `${URI}:0123456`, '--tag', `${URI}:main`,
      '--label', 'org.opencontainers.image.revision=abc',
      '--build-arg', 'NODE_VERSION=22',
      '--target', 'runtime',
      '--secret', 'id=npmrc,src=/src/.npmrc', '--secret', 'id=token,env=NPM_TOKEN',
      '--platform', 'linux/amd64,linux/arm64',
      '--provenance=mode=max',
      '--cache-from', `type=registry,ref=${URI}:buildcache`,
      '--cache-to', `type=registry,ref=${URI}:buildcache,mode=max,image-manifest=true,oci-mediatypes=true`,
      '--metadata-file', '/tmp/w/metadata.json', '--iidfile', '/tmp/w/iid',
      '--push',
      '/src',
    ]);
  });

  it('provenance off, no cache, and no push when every tag already holds the image', () => {
    const { args } = buildInvocation('buildx', spec(), plan({ push: false }), FILES);
    expect(args).toContain('--provenance=false');
    expect(args).not.toContain('--tag');
    expect(args).not.toContain('--push');
    expect(args).toContain('--output=type=image,push=false');
    expect(args.some((a) => a.startsWith('type=registry'))).toBe(false);
  });
});

describe('docker (classic builder)', () => {
  it('builds locally with --iidfile, cache-from images and BuildKit off; labels and tags wait for the stamp', () => {
    const invocation = buildInvocation('docker', spec({ network: 'none', pull: true, platforms: ['linux/amd64'] }), plan({ cacheFrom: [`${URI}:main`] }), FILES);
    expect(invocation).toEqual({
      command: 'docker',
      args: [
        'build',
        '--file', '/src/Dockerfile',
        '--build-arg', 'NODE_VERSION=22',
        '--network', 'none',
        '--pull',
        '--platform', 'linux/amd64',
        '--cache-from', `${URI}:main`,
        '--iidfile', '/tmp/w/iid',
        '/src',
      ],
      env: { DOCKER_BUILDKIT: '0' },
    });
  });

  it('stamps every label in one LABEL step and tags the result, with nothing expanded', () => {
    const stamp = labelStamp(`sha256:${'a'.repeat(64)}`, { 'org.opencontainers.image.title': 'shop', note: 'costs $5 "cash" \\ no' }, [`${URI}:main`], '/tmp/w/stamp', '/tmp/w/iid');
    expect(stamp.dockerfile).toBe(`FROM sha256:${'a'.repeat(64)}\nLABEL "org.opencontainers.image.title"="shop" \\\n      "note"="costs \\$5 \\"cash\\" \\\\ no"\n`);
    expect(stamp.invocation).toEqual({ command: 'docker', args: ['build', '--file', '/tmp/w/stamp/Dockerfile', '--tag', `${URI}:main`, '--iidfile', '/tmp/w/iid', '/tmp/w/stamp'], env: { DOCKER_BUILDKIT: '0' } });
  });

  it('pushes one reference at a time', () => {
    expect(pushInvocation('docker', `${URI}:main`, { digestFile: '/tmp/d', insecure: false })).toEqual({ command: 'docker', args: ['push', `${URI}:main`] });
  });
});

describe('buildah', () => {
  it('bud with layer caching, file secrets and --iidfile; push writes --digestfile', () => {
    const { command, args } = buildInvocation('buildah', spec({ secrets: [{ id: 'npmrc', src: '/src/.npmrc' }] }), plan({ layerCacheRepository: `${URI}-cache` }), FILES);
    expect(command).toBe('buildah');
    expect(args).toEqual([
      'bud',
      '--file', '/src/Dockerfile',
      '--tag', `${URI}:0123456`, '--tag', `${URI}:main`,
      '--label', 'org.opencontainers.image.revision=abc',
      '--build-arg', 'NODE_VERSION=22',
      '--secret', 'id=npmrc,src=/src/.npmrc',
      '--layers',
      '--cache-from', `${URI}-cache`, '--cache-to', `${URI}-cache`,
      '--iidfile', '/tmp/w/iid',
      '/src',
    ]);
    expect(pushInvocation('buildah', `${URI}:main`, { digestFile: '/tmp/d', insecure: false }).args).toEqual(['push', '--digestfile', '/tmp/d', `${URI}:main`, `docker://${URI}:main`]);
    expect(pushInvocation('buildah', '127.0.0.1:5000/x:y', { digestFile: '/tmp/d', insecure: true }).args).toEqual(['push', '--tls-verify=false', '--digestfile', '/tmp/d', '127.0.0.1:5000/x:y', 'docker://127.0.0.1:5000/x:y']);
  });
});

describe('what each driver cannot do is refused before the build', () => {
  it.each([
    ['docker: several platforms', 'docker', spec({ platforms: ['linux/amd64', 'linux/arm64'] }), 'platforms: several platforms need the buildx driver; docker builds one'],
    ['buildah: provenance', 'buildah', spec({ provenance: 'min' }), 'provenance: provenance attestations need the buildx driver; buildah cannot attach them (set provenance: false)'],
    ['docker: secrets', 'docker', spec({ secrets: [{ id: 'a', src: '/a' }] }), 'secrets: the classic docker builder has no build secrets; use the buildx or buildah driver'],
    ['buildah: env secrets', 'buildah', spec({ secrets: [{ id: 'a', env: 'A' }] }), 'secrets: buildah reads secrets from files; use id=<id>,src=<file>'],
  ] as const)('%s', (_name, driver, buildSpec, message) => {
    expect(() => checkSupport(driver, buildSpec)).toThrow(message);
  });

  it('buildx takes all of it', () => {
    expect(() => checkSupport('buildx', spec({ platforms: ['linux/amd64', 'linux/arm64'], provenance: 'max', secrets: [{ id: 'a', env: 'A' }] }))).not.toThrow();
  });
});

describe('secret values never reach argv', () => {
  it('only ids and references are passed', () => {
    process.env.EKS_KIT_TEST_SECRET = 'hunter2';
    const { args } = buildInvocation('buildx', spec({ secrets: [{ id: 'token', env: 'EKS_KIT_TEST_SECRET' }] }), plan(), FILES);
    expect(args.join(' ')).not.toContain('hunter2');
    delete process.env.EKS_KIT_TEST_SECRET;
  });
});
