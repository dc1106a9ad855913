import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../test/support/fake-clock.ts';
import { createLogger } from '../logger.ts';
import { outageTolerantClock, STORE_RETRY_MS } from './outage-tolerant-clock.ts';
import { StoreUnavailableError } from './store-unavailable.ts';

const logger = createLogger('silent');

describe('a clock whose timers wait out a store outage', () => {
  it('runs a task that found the store unreachable again shortly, until it gets through', () => {
    const fake = new FakeClock('2026-11-23T10:00:00Z');
    const clock = outageTolerantClock(fake, logger);
    let storeUp = false;
    const ran: number[] = [];
    clock.setTimer(() => {
      ran.push(fake.now());
      if (!storeUp) throw new StoreUnavailableError('PostgreSQL: cannot connect');
    }, 60_000);
    fake.advance(60_000);
    fake.advance(STORE_RETRY_MS);
    storeUp = true;
    fake.advance(STORE_RETRY_MS);
    fake.advance(10 * STORE_RETRY_MS);
    expect(ran.map((at) => at - Date.parse('2026-11-23T10:00:00Z'))).toEqual([60_000, 60_000 + STORE_RETRY_MS, 60_000 + 2 * STORE_RETRY_MS]);
    expect(fake.pendingTimers()).toBe(0);
  });

  it('cancels a task waiting to run again', () => {
    const fake = new FakeClock('2026-11-23T10:00:00Z');
    let runs = 0;
    const cancel = outageTolerantClock(fake, logger).setTimer(() => {
      runs++;
      throw new StoreUnavailableError('PostgreSQL: cannot connect');
    }, 1_000);
    fake.advance(1_000);
    cancel();
    fake.advance(10 * STORE_RETRY_MS);
    expect(runs).toBe(1);
    expect(fake.pendingTimers()).toBe(0);
  });

  it('lets any other error through', () => {
    const fake = new FakeClock('2026-11-23T10:00:00Z');
    outageTolerantClock(fake, logger).setTimer(() => {
      throw new Error('a bug');
    }, 1_000);
    expect(() => fake.advance(1_000)).toThrow('a bug');
  });
});
