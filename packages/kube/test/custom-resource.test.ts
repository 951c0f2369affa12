import { describe, expect, it } from '@jest/globals';
import { customResourceVerdict, parseRolloutConditions } from '../src/verify/custom-resource.js';
import type { LiveObject } from '../src/verify/live.js';

function widget(generation: number, status?: Record<string, unknown>): LiveObject {
  return { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'blue', namespace: 'shop', generation }, ...(status ? { status } : {}) } as LiveObject;
}

describe('customResourceVerdict', () => {
  it('counts a custom resource without conditions as applied, unless conditions are named', () => {
    expect(customResourceVerdict(widget(1))).toMatchObject({ state: 'succeeded', message: 'applied (no status conditions to judge)' });
    expect(customResourceVerdict(widget(1), ['Ready'])).toMatchObject({ state: 'pending', message: 'waiting for its Ready condition' });
    expect(customResourceVerdict(widget(1, { conditions: [{ type: 'Synced', status: 'True' }] }))).toMatchObject({ state: 'succeeded', message: 'applied (no Ready or Available condition)' });
  });

  it('takes Ready, else Available, True at the current generation', () => {
    expect(customResourceVerdict(widget(2, { observedGeneration: 2, conditions: [{ type: 'Ready', status: 'True' }] })).state).toBe('succeeded');
    expect(customResourceVerdict(widget(2, { conditions: [{ type: 'Available', status: 'True', observedGeneration: 2 }] }))).toMatchObject({ state: 'succeeded', message: 'Available True' });
    // Stale: written for generation 1 (on the condition, or on the status).
    expect(customResourceVerdict(widget(2, { conditions: [{ type: 'Ready', status: 'True', observedGeneration: 1 }] }))).toMatchObject({ state: 'pending', message: 'waiting for its controller to observe generation 2 (Ready is of generation 1)' });
    expect(customResourceVerdict(widget(2, { observedGeneration: 1, conditions: [{ type: 'Ready', status: 'False', reason: 'Old' }] })).state).toBe('pending');
  });

  it('fails on a False condition with a reason; waits on Unknown or a False without one', () => {
    expect(customResourceVerdict(widget(1, { conditions: [{ type: 'Ready', status: 'False', reason: 'QuotaExceeded', message: 'no capacity' }] }))).toMatchObject({ state: 'failed', message: 'Ready False, QuotaExceeded: no capacity' });
    expect(customResourceVerdict(widget(1, { conditions: [{ type: 'Ready', status: 'Unknown', reason: 'Reconciling' }] }))).toMatchObject({ state: 'pending', message: 'waiting for Ready True (Ready Unknown, Reconciling)' });
    expect(customResourceVerdict(widget(1, { conditions: [{ type: 'Ready', status: 'False' }] })).state).toBe('pending');
  });

  it('judges every named condition, and none with "none"', () => {
    const status = { conditions: [{ type: 'Ready', status: 'True' }, { type: 'Synced', status: 'False', reason: 'AuthFailed' }] };
    expect(customResourceVerdict(widget(1, status), ['Ready', 'Synced'])).toMatchObject({ state: 'failed', message: 'Synced False, AuthFailed' });
    expect(customResourceVerdict(widget(1, status), 'none')).toMatchObject({ state: 'succeeded', message: 'applied (eks-kit.dev/rollout-conditions: none)' });
  });
});

describe('parseRolloutConditions', () => {
  it('reads a list of condition types or none, and names what it expected otherwise', () => {
    expect(parseRolloutConditions('Synced, Ready')).toEqual({ conditions: ['Synced', 'Ready'] });
    expect(parseRolloutConditions('none')).toEqual({ conditions: 'none' });
    expect(parseRolloutConditions('Ready=True')).toEqual({ error: 'eks-kit.dev/rollout-conditions "Ready=True" is not a comma-separated list of condition types (e.g. "Ready" or "Synced,Ready") or "none"' });
    expect('error' in parseRolloutConditions('')).toBe(true);
  });
});
