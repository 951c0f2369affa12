/**
 * Faults on demand, shared by every stand-in: throttling, server errors, slow answers, dropped
 * connections. A plan applies to the next N matching calls, or to a fraction of them, so retry and
 * timeout behaviour is tested rather than assumed.
 */
/**
 * `stall` holds the request open and never answers, as an API server behind a broken path can.
 * `expire-watch` answers a watch that resumes from a resourceVersion with ERROR 410 "too old
 * resource version", as a server whose history moved past it does. `silence-watch` accepts a watch
 * (200 and headers) and then sends nothing, not even bookmarks, and never ends it, as a
 * connection that a middlebox black-holed after the handshake does.
 */
export type FaultKind = 'throttle' | 'server-error' | 'slow' | 'reset' | 'drop-watch' | 'expire-watch' | 'lag-watch' | 'silence-watch' | 'stall';

export interface FaultPlan {
  kind: FaultKind;
  /** Operation names (e.g. `ecr:DescribeImages`, `kube:GET /apis/apps/v1/...`) the fault applies to; a `*` suffix matches a prefix; none = all. */
  match?: string[];
  /** Apply to the next `count` matching calls (default 1 unless `fraction` is set). */
  count?: number;
  /** Apply to this share of matching calls instead (0..1), until cleared. */
  fraction?: number;
  /** For `slow`: how long to hold the answer. For `reset`: how long to hang before dropping. For `drop-watch`: how long before the stream is cut. For `lag-watch`: how late each change reaches the stream. */
  delayMs?: number;
  /** For `throttle`: the Retry-After seconds to advertise where the protocol has it. */
  retryAfterSeconds?: number;
  /** For `server-error`: the HTTP status to answer with where the protocol has one (default 500). */
  statusCode?: number;
}

interface ActivePlan extends FaultPlan {
  remaining: number;
}

export class FaultInjector {
  private plans: ActivePlan[] = [];
  private readonly random: () => number;
  /** Every fault that fired, for tests to read back. */
  readonly fired: { operation: string; kind: FaultKind }[] = [];
  /** Every AWS API, GitHub or registry call that reached the stand-in, faulted or not, in order: tests count what a client sent. */
  readonly seen: string[] = [];

  constructor(random: () => number = Math.random) {
    this.random = random;
  }

  inject(plan: FaultPlan): void {
    const remaining = plan.fraction === undefined ? (plan.count ?? 1) : Number.POSITIVE_INFINITY;
    this.plans.push({ ...plan, remaining });
  }

  clear(): void {
    this.plans = [];
  }

  /**
   * The fault to apply to this call, if any; consumes one use of a counted plan. `kinds` limits the
   * plans considered, so a call that cannot suffer a fault (a plain GET and `drop-watch`) leaves it
   * for a call that can.
   */
  next(operation: string, kinds?: readonly FaultKind[]): FaultPlan | undefined {
    for (const plan of this.plans) {
      if (plan.remaining <= 0 || !matches(plan.match, operation)) continue;
      if (kinds && !kinds.includes(plan.kind)) continue;
      if (plan.fraction !== undefined && this.random() >= plan.fraction) continue;
      plan.remaining -= 1;
      this.fired.push({ operation, kind: plan.kind });
      return plan;
    }
    return undefined;
  }
}

function matches(patterns: string[] | undefined, operation: string): boolean {
  if (!patterns || patterns.length === 0) return true;
  return patterns.some((p) => (p.endsWith('*') ? operation.startsWith(p.slice(0, -1)) : p === operation));
}
