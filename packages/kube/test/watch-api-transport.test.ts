import { describe, expect, it } from '@jest/globals';
import { MemoryLogger } from '@eks-kit/core';
import { ApiStatus, ApiUnreachable, type ApiAnswer, type KubeApi, type StreamOptions } from '../src/api-client.js';
import { CollectionWatch } from '../src/watch/collection.js';
import { apiTransport } from '../src/watch/transport.js';
import { FakeClock } from './fakes.js';

const cm = (name: string, rv: string) => ({ kind: 'ConfigMap', metadata: { name, namespace: 'shop', resourceVersion: rv } });
const event = (type: string, object: unknown) => JSON.stringify({ type, object });

type Step = { lines?: string[]; fail?: Error } | { list: ApiAnswer };

/**
 * An in-process API that answers each request (stream or get) with the next scripted step,
 * recording paths and stream options; past the script, a stream stays open until aborted.
 */
function scripted(steps: Step[]) {
  const paths: URL[] = [];
  const options: StreamOptions[] = [];
  let done: () => void = () => undefined;
  const idle = new Promise<void>((resolve) => (done = resolve));
  const next = (path: string) => {
    paths.push(new URL(path, 'https://api.invalid'));
    const step = steps[paths.length - 1];
    if (!step) done();
    return step;
  };
  const api: Pick<KubeApi, 'get' | 'stream'> = {
    async get(path) {
      const step = next(path);
      if (step && 'list' in step) return step.list;
      throw new Error(`unexpected GET ${path}`);
    },
    async *stream(path, o = {}) {
      options.push(o);
      const step = next(path);
      if (step && 'list' in step) throw new Error(`unexpected watch ${path}`);
      if (!step) {
        await new Promise((resolve) => o.signal?.addEventListener('abort', resolve, { once: true }));
        return;
      }
      yield* step.lines ?? [];
      if (step.fail) throw step.fail;
    },
  };
  return { api, paths, options, idle };
}

const spec = { kind: 'ConfigMap', namespace: 'shop', path: '/api/v1/namespaces/shop/configmaps' };

describe('CollectionWatch over the in-process API', () => {
  it('resumes a stream that stalled after delivering, relists on 410, and bounds every stream', async () => {
    const script = scripted([
      { lines: [event('ADDED', cm('a', '10')), event('BOOKMARK', { metadata: { resourceVersion: '12' } })], fail: new ApiUnreachable('https://api.invalid', 'nothing received for 130 s') },
      { fail: new ApiStatus(410, '{"kind":"Status","code":410,"reason":"Expired","message":"too old resource version: 12 (40)"}', '/api/v1/namespaces/shop/configmaps') },
      { list: { status: 200, body: JSON.stringify({ metadata: { resourceVersion: '42' }, items: [{ metadata: { name: 'b', resourceVersion: '41' } }] }) } },
    ]);
    const logger = new MemoryLogger();
    const watch = new CollectionWatch(spec, apiTransport(script.api), new FakeClock(), logger, () => undefined);
    watch.start();
    await script.idle;
    await watch.stop();
    expect(script.paths.map((u) => [u.searchParams.get('watch'), u.searchParams.get('resourceVersion')])).toEqual([['1', null], ['1', '12'], [null, null], ['1', '42']]);
    expect([...watch.objects.keys()]).toEqual(['b']);
    expect(script.options.map((o) => [o.headersTimeoutMs, o.idleTimeoutMs])).toEqual([[20_000, 130_000], [20_000, 130_000], [20_000, 130_000]]);
    // Neither the stall after data nor the 410 is worth a warning.
    expect(logger.text()).toBe('');
  });

  it('an unreachable endpoint is named once and retried with backoff', async () => {
    const down = new ApiUnreachable('https://10.0.0.1:443', 'ECONNREFUSED');
    const script = scripted([{ fail: down }, { fail: down }, { lines: [event('ADDED', cm('a', '5'))] }]);
    const logger = new MemoryLogger();
    const clock = new FakeClock();
    const watch = new CollectionWatch(spec, apiTransport(script.api, { headersTimeoutMs: 1000, idleTimeoutMs: 5000 }), clock, logger, () => undefined);
    watch.start();
    await script.idle;
    await watch.stop();
    expect(logger.text()).toBe('Watching /api/v1/namespaces/shop/configmaps failed, resuming: cannot reach the API server at https://10.0.0.1:443: ECONNREFUSED');
    expect(clock.t).toBe(250 + 500);
    expect(script.options[0]).toMatchObject({ headersTimeoutMs: 1000, idleTimeoutMs: 5000 });
    expect(watch.objects.has('a')).toBe(true);
  });

  it('an optional watch answered 403 stops and says so', async () => {
    const script = scripted([{ fail: new ApiStatus(403, '{"kind":"Status","code":403,"message":"nodes is forbidden"}', '/api/v1/nodes') }]);
    const logger = new MemoryLogger();
    const nodes = new CollectionWatch({ kind: 'Node', namespace: '', path: '/api/v1/nodes', optional: true }, apiTransport(script.api), new FakeClock(), logger, () => undefined);
    nodes.start();
    for (let i = 0; i < 1000 && !logger.text().includes('Not allowed'); i++) await Promise.resolve();
    await nodes.stop();
    expect(script.paths).toHaveLength(1);
    expect(logger.text()).toBe('Not allowed to watch /api/v1/nodes (GET /api/v1/nodes answered 403: nodes is forbidden); going on without it');
  });
});
