import type { Clock } from './clock.js';

/**
 * Fakes for the effects libraries take as parameters, shared by the packages' unit tests
 * (`@eks-kit/core/testing`; never imported by library or action code).
 */

/** A clock whose sleeps only move time forward, and remember how long they were. */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(public time = Date.parse('2026-06-01T12:00:00Z')) {}
  now(): number {
    return this.time;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.time += ms;
  }
}

/** An error shaped like the AWS SDK's: `name` is the service's exception name. */
export function awsError(name: string, status = 400, message = `${name} (fake)`): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status }, $fault: status >= 500 ? 'server' : 'client' });
}
