/**
 * Simulated time for the controllers: durations (pull time, readiness delays, back-offs, progress
 * deadlines) run `speed` times faster than the wall clock. Object timestamps stay on the wall clock
 * so kubectl's AGE and LAST SEEN columns read sensibly.
 */
export class SimClock {
  private readonly startReal = Date.now();
  constructor(readonly speed: number = 1) {
    if (!(speed > 0)) throw new Error(`speed must be positive, got ${speed}`);
  }
  /** Simulated milliseconds since the simulator started. */
  now(): number {
    return (Date.now() - this.startReal) * this.speed;
  }
  /** Real milliseconds that correspond to `simMs` simulated ones. */
  toReal(simMs: number): number {
    return simMs / this.speed;
  }
}

export function timestamp(date: Date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function microTimestamp(date: Date = new Date()): string {
  return date.toISOString().replace(/Z$/, '000Z');
}
