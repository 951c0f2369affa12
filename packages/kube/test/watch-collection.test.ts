import { describe, expect, it } from '@jest/globals';
import { MemoryLogger, type RunResult } from '@eks-kit/core';
import { CollectionWatch } from '../src/watch/collection.js';
import { kubectlTransport } from '../src/watch/transport.js';
import { FakeClock, ok } from './fakes.js';

const cm = (name: string, rv: string) => ({ kind: 'ConfigMap', metadata: { name, namespace: 'shop', resourceVersion: rv } });
const line = (type: string, object: unknown) => JSON.stringify({ type, object }) + '\n';

/**
 * A kubectl that answers each `get --raw` with the next scripted stream, recording the URLs; past
 * the script, a watch stays open until stopped, and `idle` resolves.
 */
function scripted(answers: ((url: URL, onStdout: (c: string) => void) => RunResult)[]) {
  const urls: URL[] = [];
  let done: () => void = () => undefined;
  const idle = new Promise<void>((resolve) => (done = resolve));
  return {
    urls,
    idle,
    kubectl: {
      run: async (args: readonly string[], options: { onStdout?: (c: string) => void; signal?: AbortSignal } = {}) => {
        const url = new URL(args[2] ?? '', 'https://api.invalid');
        urls.push(url);
        const answer = answers[urls.length - 1];
        if (answer) return answer(url, options.onStdout ?? (() => undefined));
        done();
        return new Promise<RunResult>((resolve) => options.signal?.addEventListener('abort', () => resolve(ok('')), { once: true }));
      },
      getJson: () => Promise.reject(new Error('not used')),
    },
  };
}

describe('CollectionWatch', () => {
  it('resumes a dropped watch from the last resourceVersion (bookmarks count) and relists after 410 Gone', async () => {
    const api = scripted([
      (_url, out) => {
        out(line('ADDED', cm('a', '10')));
        out(line('ADDED', cm('stale', '11')));
        out(line('BOOKMARK', { kind: 'ConfigMap', metadata: { resourceVersion: '15' } }));
        return { exitCode: 1, stdout: '', stderr: 'error: unexpected EOF' };
      },
      (_url, out) => {
        out(line('ERROR', { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version: 15 (40)' }));
        return ok('');
      },
      () => ok({ kind: 'ConfigMapList', metadata: { resourceVersion: '42' }, items: [{ metadata: { name: 'a', resourceVersion: '30' } }] }),
    ]);
    const logger = new MemoryLogger();
    let changes = 0;
    const watch = new CollectionWatch({ kind: 'ConfigMap', namespace: 'shop', path: '/api/v1/namespaces/shop/configmaps', labelSelector: 'app=web' }, kubectlTransport(api.kubectl), new FakeClock(), logger, () => changes++);
    watch.start();
    await api.idle;
    await watch.stop();
    const q = api.urls.map((u) => Object.fromEntries(u.searchParams));
    expect(q[0]).toEqual({ labelSelector: 'app=web', watch: '1', allowWatchBookmarks: 'true', timeoutSeconds: '120' });
    expect(q[1]).toMatchObject({ watch: '1', resourceVersion: '15' });
    expect(q[2]).toEqual({ labelSelector: 'app=web' });
    expect(q[3]).toMatchObject({ watch: '1', resourceVersion: '42' });
    // The relist replaced what was held: the object deleted during the gap is gone, the list's items carry their kind.
    expect([...watch.objects.values()]).toEqual([{ kind: 'ConfigMap', metadata: { name: 'a', resourceVersion: '30' } }]);
    expect(watch.requests).toBe(4);
    expect(changes).toBe(3);
    // A watch that delivered and then dropped is routine: resumed without a warning.
    expect(logger.text()).toBe('');
  });

  it('an optional watch (Nodes) refused by RBAC stops and says so once; a required one keeps retrying', async () => {
    const forbidden = () => ({ exitCode: 1, stdout: '', stderr: 'Error from server (Forbidden): nodes is forbidden: User "deployer" cannot watch resource "nodes" in API group "" at the cluster scope' });
    const optional = scripted([forbidden]);
    const logger = new MemoryLogger();
    const nodes = new CollectionWatch({ kind: 'Node', namespace: '', path: '/api/v1/nodes', optional: true }, kubectlTransport(optional.kubectl), new FakeClock(), logger, () => undefined);
    nodes.start();
    for (let i = 0; i < 1000 && !logger.text().includes('Not allowed'); i++) await Promise.resolve();
    await nodes.stop();
    expect(optional.urls).toHaveLength(1);
    expect(logger.text()).toMatch(/^Not allowed to watch \/api\/v1\/nodes \(.*nodes is forbidden.*\); going on without it$/);
    const required = scripted([forbidden]);
    const pods = new CollectionWatch({ kind: 'Pod', namespace: 'shop', path: '/api/v1/namespaces/shop/pods' }, kubectlTransport(required.kubectl), new FakeClock(), new MemoryLogger(), () => undefined);
    pods.start();
    await required.idle;
    await pods.stop();
    expect(required.urls).toHaveLength(2);
  });

  it('relists when the server refuses the resourceVersion with an HTTP 410 before any event', async () => {
    const api = scripted([
      (_url, out) => {
        out(line('ADDED', cm('a', '10')));
        return ok('');
      },
      () => ({ exitCode: 1, stdout: '', stderr: 'Error from server (Expired): too old resource version: 10 (99)' }),
      () => ok({ metadata: { resourceVersion: '99' }, items: [] }),
    ]);
    const watch = new CollectionWatch({ kind: 'ConfigMap', namespace: 'shop', path: '/api/v1/namespaces/shop/configmaps' }, kubectlTransport(api.kubectl), new FakeClock(), new MemoryLogger(), () => undefined);
    watch.start();
    await api.idle;
    await watch.stop();
    expect(api.urls.map((u) => u.searchParams.get('resourceVersion'))).toEqual([null, '10', null, '99']);
    expect(watch.objects.size).toBe(0);
  });
});
