import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../test/support/fake-clock.ts';
import { TickingNow } from './ticking-now.svelte.ts';

describe('ticking now', () => {
  it('moves on every half minute while started, and leaves no timer when stopped', () => {
    const clock = new FakeClock('2026-11-23T10:00:00Z');
    const now = new TickingNow(clock);
    clock.advance(10_000);
    const stop = now.start();
    expect(now.value).toBe(Date.parse('2026-11-23T10:00:10Z'));
    clock.advance(29_999);
    expect(now.value).toBe(Date.parse('2026-11-23T10:00:10Z'));
    clock.advance(60_001);
    expect(now.value).toBe(Date.parse('2026-11-23T10:01:40Z'));
    stop();
    expect(clock.pendingTimers()).toBe(0);
    clock.advance(60_000);
    expect(now.value).toBe(Date.parse('2026-11-23T10:01:40Z'));
  });
});
