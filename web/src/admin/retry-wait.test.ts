import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../test/support/fake-clock.ts';
import { RetryWait } from './retry-wait.svelte.ts';

describe('retry wait', () => {
  it('counts the seconds down to zero, then stops its timer', () => {
    const clock = new FakeClock('2026-11-23T10:00:00Z');
    const wait = new RetryWait(clock);
    wait.start(3);
    expect([wait.waiting, wait.secondsLeft]).toEqual([true, 3]);
    clock.advance(999);
    expect(wait.secondsLeft).toBe(3);
    clock.advance(1);
    expect(wait.secondsLeft).toBe(2);
    clock.advance(2000);
    expect([wait.waiting, wait.secondsLeft]).toEqual([false, 0]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('restarts from a new Retry-After, and nothing is left running when stopped', () => {
    const clock = new FakeClock('2026-11-23T10:00:00Z');
    const wait = new RetryWait(clock);
    wait.start(60);
    clock.advance(10_000);
    wait.start(5);
    expect(wait.secondsLeft).toBe(5);
    expect(clock.pendingTimers()).toBe(1);
    wait.stop();
    expect(wait.waiting).toBe(false);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('a wait of zero seconds does not wait', () => {
    const wait = new RetryWait(new FakeClock('2026-11-23T10:00:00Z'));
    wait.start(0);
    expect(wait.waiting).toBe(false);
  });
});
