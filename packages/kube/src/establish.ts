/**
 * Custom resources can be applied only once their CustomResourceDefinition is Established (the
 * API server serves the kind). Watched, not polled; a CRD whose names were refused fails at once
 * with the API server's reason, one that stays unestablished fails when the bound runs out.
 */
import type { Clock, Logger } from '@eks-kit/core';
import type { LiveObject } from './verify/live.js';
import { collectionPath } from './watch/api-paths.js';
import type { WatchTransport } from './watch/transport.js';
import { Watches } from './watch/watches.js';

interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

export class CrdNotEstablished extends Error {
  /** refused: its names were not accepted (a failure); otherwise it ran out of time. */
  constructor(readonly crd: string, readonly refused: boolean, message: string) {
    super(message);
  }
}

function conditionOf(crd: LiveObject | undefined, type: string): Condition | undefined {
  return ((crd?.status?.conditions ?? []) as Condition[]).find((c) => c.type === type);
}

function said(c: Condition | undefined): string {
  return c ? `${c.type} ${c.status}${c.reason ? `, ${c.reason}` : ''}${c.message ? `: ${c.message}` : ''}` : 'no conditions yet';
}

/** Why a CRD will not become Established without a change, or undefined while it still may. */
function refusal(crd: LiveObject | undefined): string | undefined {
  const names = conditionOf(crd, 'NamesAccepted');
  return names?.status === 'False' ? `its names were not accepted (${said(names)})` : undefined;
}

/** `bound` names the limit in the verdict, e.g. "the deploy's timeout of 600 s". */
export async function waitForEstablished(transport: WatchTransport, clock: Clock, logger: Logger, crds: readonly LiveObject[], timeoutMs: number, bound: string): Promise<void> {
  const wanted = crds.filter((o) => o.kind === 'CustomResourceDefinition').map((o) => o.metadata.name);
  if (wanted.length === 0) return;
  const established = (o: LiveObject | undefined) => conditionOf(o, 'Established')?.status === 'True';
  // The apply's answer may already say so (a CRD unchanged since an earlier deploy).
  if (crds.every((o) => o.kind !== 'CustomResourceDefinition' || established(o))) return;
  const deadline = clock.now() + timeoutMs;
  const watches = new Watches(transport, clock, logger);
  const collection = watches.watch({ kind: 'CustomResourceDefinition', namespace: '', path: collectionPath('CustomResourceDefinition', '') });
  try {
    for (;;) {
      const pending = wanted.filter((name) => !established(collection.objects.get(name)));
      if (pending.length === 0) {
        logger.info(`CustomResourceDefinition ${wanted.join(', ')} established`);
        return;
      }
      for (const name of pending) {
        const why = refusal(collection.objects.get(name));
        if (why) throw new CrdNotEstablished(name, true, `CustomResourceDefinition/${name} is not Established: ${why}; its custom resources were not applied`);
      }
      const left = deadline - clock.now();
      if (left <= 0) {
        const states = pending.map((name) => `CustomResourceDefinition/${name} (${said(conditionOf(collection.objects.get(name), 'Established'))})`);
        throw new CrdNotEstablished(pending[0]!, false, `${states.join(', ')} not Established within ${bound}; its custom resources were not applied`);
      }
      await watches.next(Math.min(left, 1000));
    }
  } finally {
    await watches.stop();
  }
}
