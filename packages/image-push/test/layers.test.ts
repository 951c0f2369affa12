import { describe, expect, it } from '@jest/globals';
import { deltaLines, layerReport, layersFromHistory, layerSteps, parseCreatedBy, readImageLayers, stepsForLayers, type ImageLayers } from '../src/index.js';

const DOCKERFILE = [
  'FROM golang:1.22 AS build',
  'RUN go build -o /out/app ./cmd/app',
  '',
  'FROM debian:12-slim',
  '# the runtime packages',
  'RUN apt-get update \\',
  '    && apt-get install -y --no-install-recommends ca-certificates curl \\',
  '    && rm -rf /var/lib/apt/lists/*',
  'ENV PORT=8080',
  'COPY --from=build --chown=app /out/app /usr/local/bin/app',
  'COPY config/ /etc/app/',
  'CMD ["app"]',
].join('\n');

describe('layerSteps and parseCreatedBy', () => {
  it('lists the built stage’s RUN/COPY/ADD with joined continuations and no flags', () => {
    expect(layerSteps(DOCKERFILE)).toEqual([
      { line: 6, keyword: 'RUN', text: 'apt-get update && apt-get install -y --no-install-recommends ca-certificates curl && rm -rf /var/lib/apt/lists/*' },
      { line: 10, keyword: 'COPY', text: '/out/app /usr/local/bin/app' },
      { line: 11, keyword: 'COPY', text: 'config/ /etc/app/' },
    ]);
    expect(layerSteps(DOCKERFILE, 'build')).toEqual([{ line: 2, keyword: 'RUN', text: 'go build -o /out/app ./cmd/app' }]);
  });

  it('reads BuildKit, classic-builder and buildah history entries alike', () => {
    expect(parseCreatedBy('RUN /bin/sh -c apt-get update # buildkit')).toEqual({ keyword: 'RUN', text: 'apt-get update' });
    expect(parseCreatedBy('RUN |2 A=1 B=2 /bin/sh -c make # buildkit')).toEqual({ keyword: 'RUN', text: 'make' });
    expect(parseCreatedBy('COPY /out/app /usr/local/bin/app # buildkit')).toEqual({ keyword: 'COPY', text: '/out/app /usr/local/bin/app' });
    expect(parseCreatedBy('/bin/sh -c apt-get update')).toEqual({ keyword: 'RUN', text: 'apt-get update' });
    expect(parseCreatedBy('/bin/sh -c #(nop) COPY dir:4f3a9c in /etc/app/ ')).toEqual({ keyword: 'COPY', text: 'dir:4f3a9c in /etc/app/', dest: '/etc/app/' });
  });

  it('matches the stage’s layers from the end; base image layers get no step', () => {
    const history = [
      '/bin/sh -c #(nop) ADD file:9b1 in / ',
      'RUN /bin/sh -c apt-get update     && apt-get install -y --no-install-recommends ca-certificates curl     && rm -rf /var/lib/apt/lists/* # buildkit',
      'COPY /out/app /usr/local/bin/app # buildkit',
      'COPY config/ /etc/app/ # buildkit',
    ];
    expect(stepsForLayers(history, layerSteps(DOCKERFILE)).map((s) => s?.line)).toEqual([undefined, 6, 10, 11]);
  });
});

describe('layersFromHistory and layerReport', () => {
  const history = [
    { created_by: '/bin/sh -c #(nop) ADD file:9b1 in / ' },
    { created_by: '/bin/sh -c #(nop)  CMD ["bash"]', empty_layer: true },
    { created_by: 'RUN /bin/sh -c apt-get update     && apt-get install -y --no-install-recommends ca-certificates curl     && rm -rf /var/lib/apt/lists/* # buildkit' },
    { created_by: 'ENV PORT=8080', empty_layer: true },
    { created_by: 'COPY /out/app /usr/local/bin/app # buildkit' },
  ];
  const MiB = 1024 * 1024;
  const image = (digests: string[], sizes: number[]): ImageLayers => ({ digest: `sha256:${digests.join('')}`, layers: layersFromHistory(digests.map((d, i) => ({ digest: d, size: sizes[i]! })), history) });

  it('skips empty_layer entries when pairing history with layers', () => {
    expect(image(['a', 'b', 'c'], [1, 2, 3]).layers.map((l) => l.createdBy?.slice(0, 18))).toEqual(['/bin/sh -c #(nop) ', 'RUN /bin/sh -c apt', 'COPY /out/app /usr']);
  });

  it('says +size at the Dockerfile line of the layer that grew, and nothing for an unchanged one', () => {
    const report = layerReport(image(['base', 'apt2', 'app2'], [30 * MiB, 60 * MiB, 5 * MiB]), { name: 'Dockerfile', text: DOCKERFILE }, { tag: 'main', image: image(['base', 'apt1', 'app1'], [30 * MiB, 12 * MiB, 5 * MiB]) });
    expect(report.deltaBytes).toBe(48 * MiB);
    expect(report.rows.map((r) => r.change)).toEqual(['same', 'changed', 'changed']);
    expect(deltaLines(report)).toEqual(['+48.0 MiB at Dockerfile:6 (RUN apt-get update && apt-get install -y --no-install-recommend…)']);
    expect(report.rows[0]?.label).toBe('ADD file:9b1 in /');
  });

  it('first push: every layer is listed, nothing compared, and the reason kept', () => {
    const report = layerReport(image(['a', 'b', 'c'], [1, 2, 3]), { name: 'Dockerfile', text: DOCKERFILE }, { none: 'first push of team/api:main' });
    expect(report).toMatchObject({ sizeBytes: 6, noPrevious: 'first push of team/api:main' });
    expect(report.deltaBytes).toBeUndefined();
    expect(deltaLines(report)).toEqual([]);
  });

  it('reports a layer the previous image had and this one has not as removed', () => {
    const previous: ImageLayers = { digest: 'sha256:old', layers: [{ digest: 'base', size: 10 }, { digest: 'x', size: 7, createdBy: 'RUN /bin/sh -c make docs # buildkit' }] };
    const report = layerReport({ digest: 'sha256:new', layers: [{ digest: 'base', size: 10 }] }, { name: 'Dockerfile' }, { tag: 'main', image: previous });
    expect(report.deltaBytes).toBe(-7);
    expect(deltaLines(report)).toEqual(['−7 B: RUN make docs (layer removed)']);
  });
});

describe('readImageLayers', () => {
  const manifest = { mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { digest: 'sha256:cfg' }, layers: [{ digest: 'sha256:l1', size: 100 }] };
  const index = { mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [{ digest: 'sha256:arm', platform: { os: 'linux', architecture: 'arm64' } }, { digest: 'sha256:amd', platform: { os: 'linux', architecture: 'amd64' } }] };

  function fakeFetch(answers: Record<string, { status?: number; body: unknown; digest?: string }>, seen: string[]): typeof fetch {
    return (async (url: URL, init: RequestInit) => {
      seen.push(`${url.pathname} ${(init.headers as Record<string, string>).authorization}`);
      const answer = answers[url.pathname] ?? { status: 404, body: {} };
      return new Response(JSON.stringify(answer.body), { status: answer.status ?? 200, headers: answer.digest ? { 'docker-content-digest': answer.digest } : {} });
    }) as typeof fetch;
  }

  it('opens an index at linux/amd64 and reads its config history, with the login it is given', async () => {
    const seen: string[] = [];
    const reader = {
      baseUrl: 'https://111122223333.dkr.ecr.eu-west-1.amazonaws.com',
      authorization: 'Basic QVdTOnNlY3JldA==',
      fetch: fakeFetch({ '/v2/team/api/manifests/main': { body: index, digest: 'sha256:idx' }, '/v2/team/api/manifests/sha256:amd': { body: manifest, digest: 'sha256:amd' }, '/v2/team/api/blobs/sha256:cfg': { body: { history: [{ created_by: 'COPY a /a # buildkit' }] } } }, seen),
    };
    expect(await readImageLayers(reader, 'team/api', 'main')).toEqual({ digest: 'sha256:amd', platform: 'linux/amd64', layers: [{ digest: 'sha256:l1', size: 100, createdBy: 'COPY a /a # buildkit' }] });
    expect(seen.every((line) => line.endsWith('Basic QVdTOnNlY3JldA=='))).toBe(true);
  });

  it('answers undefined for a tag that is not there (a first push), and fails on other errors', async () => {
    const reader = { baseUrl: 'http://127.0.0.1:5000', authorization: 'Basic x', fetch: fakeFetch({ '/v2/team/api/manifests/broken': { status: 500, body: {} } }, []) };
    expect(await readImageLayers(reader, 'team/api', 'main')).toBeUndefined();
    await expect(readImageLayers(reader, 'team/api', 'broken')).rejects.toThrow('registry GET manifest failed: HTTP 500: team/api:broken could not be read');
  });
});
