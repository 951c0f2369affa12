import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultInjector, FaultPlan } from '../faults.js';

/** How a protocol spells "slow down" and "server broke": each service answers in its own format. */
export interface FaultRenderer {
  throttle(res: ServerResponse, plan: FaultPlan): void;
  serverError(res: ServerResponse, plan: FaultPlan): void;
}

const DEFAULT_SLOW_MS = 2000;

/**
 * Applies the fault planned for `operation`, if any. Returns true when the fault answered the
 * request (or cut it) and the caller must not; `slow` only delays, then lets the call proceed.
 */
export async function applyFault(
  faults: FaultInjector,
  operation: string,
  req: IncomingMessage,
  res: ServerResponse,
  renderer: FaultRenderer,
): Promise<boolean> {
  faults.seen.push(operation);
  const plan = faults.next(operation);
  if (!plan) return false;
  switch (plan.kind) {
    case 'slow':
      await new Promise((resolve) => setTimeout(resolve, plan.delayMs ?? DEFAULT_SLOW_MS));
      return res.destroyed;
    case 'reset':
      // With delayMs: a connection that hangs first, then drops (what a client sees as a timeout).
      if (plan.delayMs) await new Promise((resolve) => setTimeout(resolve, plan.delayMs));
      req.socket.destroy();
      return true;
    case 'stall':
      // No answer at all: only the client giving up (or the server stopping) ends the request.
      await new Promise((resolve) => res.once('close', resolve));
      return true;
    case 'throttle':
      renderer.throttle(res, plan);
      return true;
    case 'server-error':
      renderer.serverError(res, plan);
      return true;
    case 'drop-watch':
    case 'expire-watch':
    case 'lag-watch':
    case 'silence-watch':
      // Only meaningful for watches; a plain request/response ignores them.
      return false;
  }
}
