import { describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../../../shared/clock.ts';
import { FakeClock } from '../../../test/support/fake-clock.ts';
import { TickingNow } from './ticking-now.svelte.ts';

const at = (now: TickingNow) => new Date(now.value).toISOString();

describe('ticking now', () => {
  it('moves on at every whole half minute while started, and leaves no timer when stopped', () => {
    const clock = new FakeClock('2026-11-23T10:00:00Z');
    const now = new TickingNow(clock, 30_000);
    clock.advance(10_000);
    const stop = now.start();
    expect(at(now)).toBe('2026-11-23T10:00:10.000Z');
    clock.advance(19_999);
    expect(at(now)).toBe('2026-11-23T10:00:10.000Z');
    clock.advance(60_001);
    expect(at(now)).toBe('2026-11-23T10:01:30.000Z');
    stop();
    expect(clock.pendingTimers()).toBe(0);
    clock.advance(60_000);
    expect(at(now)).toBe('2026-11-23T10:01:30.000Z');
  });

  it('as a wall clock, turns when the minute does, not a minute after it started', () => {
    const clock = new FakeClock('2026-11-23T10:00:40Z');
    const now = new TickingNow(clock, MINUTE_MS);
    now.start();
    clock.advance(19_999);
    expect(at(now)).toBe('2026-11-23T10:00:40.000Z');
    clock.advance(1);
    expect(at(now)).toBe('2026-11-23T10:01:00.000Z');
    clock.advance(MINUTE_MS);
    expect(at(now)).toBe('2026-11-23T10:02:00.000Z');
  });
});
