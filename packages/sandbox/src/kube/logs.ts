/** pods/log: the simulated container output, current or previous run, with kubectl's options. */
import type { ServerResponse } from 'node:http';
import type { Cluster } from './cluster.js';
import type { KubeObject } from './types.js';
import { errors } from './status.js';

export interface LogQuery {
  container?: string;
  previous: boolean;
  timestamps: boolean;
  tailLines?: number;
  limitBytes?: number;
  sinceSeconds?: number;
  sinceTime?: string;
  follow: boolean;
}

function select(lines: string[], q: LogQuery): string[] {
  let out = lines;
  const since = q.sinceTime ? Date.parse(q.sinceTime) : q.sinceSeconds !== undefined ? Date.now() - q.sinceSeconds * 1000 : undefined;
  if (since !== undefined) out = out.filter((l) => Date.parse(l.slice(0, l.indexOf(' '))) >= since);
  if (q.tailLines !== undefined) out = q.tailLines === 0 ? [] : out.slice(-q.tailLines);
  return out;
}

function render(lines: string[], q: LogQuery): string {
  return lines.map((l) => (q.timestamps ? l : l.slice(l.indexOf(' ') + 1)) + '\n').join('');
}

export function serveLogs(cluster: Cluster, pod: KubeObject, q: LogQuery, res: ServerResponse): void {
  const containers = ((pod.spec?.containers ?? []) as { name: string }[]).map((c) => c.name);
  const name = q.container ?? (containers.length === 1 ? containers[0] : undefined);
  const podName = pod.metadata.name!;
  if (!name) throw errors.badRequest(`a container name must be specified for pod ${podName}, choose one of: [${containers.join(' ')}]`);
  if (!containers.includes(name)) throw errors.badRequest(`container ${name} is not valid for pod ${podName}`);
  const rt = cluster.pods.get(pod.metadata.uid!)?.containers.find((c) => c.name === name);
  if (q.previous) {
    if (!rt?.previousLogs && !rt?.lastTerminated) throw errors.badRequest(`previous terminated container "${name}" in pod "${podName}" not found`);
  } else if (!rt || rt.startedSim === undefined) {
    const reason = rt?.waiting?.reason ?? 'ContainerCreating';
    const why = reason === 'ImagePullBackOff' || reason === 'ErrImagePull' ? 'trying and failing to pull image' : reason;
    throw errors.badRequest(`container "${name}" in pod "${podName}" is waiting to start: ${why}`);
  }
  const source = () => (q.previous ? rt?.previousLogs ?? [] : rt?.logs ?? []);
  let text = render(select(source(), q), q);
  if (q.limitBytes !== undefined) text = Buffer.from(text).subarray(0, q.limitBytes).toString();
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.write(text);
  if (!q.follow || q.previous) {
    res.end();
    return;
  }
  // Follow: stream new lines until the run ends or the client goes away.
  let sent = source().length;
  const lines = rt?.logs;
  const timer = setInterval(() => {
    const current = rt?.logs ?? [];
    if (current !== lines || rt?.phase === 'terminated') {
      clearInterval(timer);
      res.end(render((lines ?? []).slice(sent), q));
      return;
    }
    if (current.length > sent) {
      res.write(render(current.slice(sent), q));
      sent = current.length;
    }
  }, 50);
  res.on('close', () => clearInterval(timer));
}
