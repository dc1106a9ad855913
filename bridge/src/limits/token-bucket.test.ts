import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../test/support/fake-clock.ts';
import { TokenBucket, TokenBuckets } from './token-bucket.ts';

const size = { capacity: 3, perSecond: 2 };

describe('token bucket', () => {
  it('serves a burst up to its capacity, then refuses with the time until the next token', () => {
    const bucket = new TokenBucket(new FakeClock(0), size);
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([0, 0, 0]);
    expect(bucket.take()).toBe(500);
  });

  it('serves again at its pace once the client waits as told', () => {
    const clock = new FakeClock(0);
    const bucket = new TokenBucket(clock, size);
    for (let n = 0; n < 3; n++) bucket.take();
    clock.advance(500);
    expect(bucket.take()).toBe(0);
    expect(bucket.take()).toBe(500);
    clock.advance(60_000);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([0, 0, 0, 500]);
  });

  it('keeps refusing a client that does not pause: each refusal restarts the wait', () => {
    const clock = new FakeClock(0);
    const bucket = new TokenBucket(clock, size);
    for (let n = 0; n < 3; n++) bucket.take();
    // Half a token came back, then a refusal: the next comes a whole 500 ms later, not 250.
    clock.advance(250);
    expect(bucket.take()).toBe(500);
    for (let n = 0; n < 10; n++) {
      clock.advance(400);
      expect(bucket.take()).toBe(500);
    }
    clock.advance(500);
    expect(bucket.take()).toBe(0);
  });

  it('gives nothing back when the clock is set back', () => {
    const clock = new FakeClock(10_000);
    const bucket = new TokenBucket(clock, size);
    for (let n = 0; n < 3; n++) bucket.take();
    clock.advance(-5_000);
    expect(bucket.take()).toBe(500);
    clock.advance(500);
    expect(bucket.take()).toBe(0);
  });

  it('keeps one bucket per client', () => {
    const clock = new FakeClock(0);
    const buckets = new TokenBuckets(clock, size);
    for (let n = 0; n < 3; n++) expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBe(500);
    expect(buckets.take('b')).toBe(0);
    clock.advance(500);
    expect(buckets.take('a')).toBe(0);
  });
});
