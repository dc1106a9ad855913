import type { Clock } from '../../../shared/clock.ts';
import { SweptMap } from './swept-map.ts';

export interface BucketSize {
  /** Tokens when full: how many requests a client may send at once. */
  capacity: number;
  /** Tokens added per second, up to the capacity: the pace it may keep up. */
  perSecond: number;
}

/**
 * A token bucket on the injected clock: each request takes a token, tokens
 * come back at a steady pace, and a request finding none is refused with the
 * time until there is one.
 *
 * A refused request also restarts the refill: a client must pause for that
 * long before it is served again. A flood keeps being refused however fast
 * it comes (rather than getting through a trickle), and requests sent
 * together stay in order: once one is refused, the ones right behind it are
 * refused too, where a token coming back between them would serve a later
 * one before the earlier one is retried (a queued booking's extension before
 * the booking).
 */
export class TokenBucket {
  readonly #clock: Clock;
  readonly #size: BucketSize;
  #tokens: number;
  #at: number;

  constructor(clock: Clock, size: BucketSize) {
    this.#clock = clock;
    this.#size = size;
    this.#tokens = size.capacity;
    this.#at = clock.now();
  }

  /** Takes a token: 0 when there was one, else how many milliseconds until the client may try again. */
  take(): number {
    this.#refill();
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return 0;
    }
    this.#tokens = 0;
    return Math.ceil(1000 / this.#size.perSecond);
  }

  /** Full again: the client has been quiet long enough that it is as if it never came. */
  isFull(): boolean {
    this.#refill();
    return this.#tokens >= this.#size.capacity;
  }

  #refill(): void {
    const now = this.#clock.now();
    // A clock set back gives nothing back, and takes nothing away.
    const elapsed = Math.max(0, now - this.#at);
    this.#tokens = Math.min(this.#size.capacity, this.#tokens + (elapsed * this.#size.perSecond) / 1000);
    this.#at = now;
  }
}

/** One token bucket per client, made full on its first request and forgotten once full again. */
export class TokenBuckets {
  readonly #clock: Clock;
  readonly #size: BucketSize;
  readonly #buckets = new SweptMap<string, TokenBucket>((bucket) => bucket.isFull());

  constructor(clock: Clock, size: BucketSize) {
    this.#clock = clock;
    this.#size = size;
  }

  /** Takes a token from `client`'s bucket: 0 when there was one, else how many milliseconds until it may try again. */
  take(client: string): number {
    const bucket = this.#buckets.get(client) ?? new TokenBucket(this.#clock, this.#size);
    const waitMs = bucket.take();
    // Kept after the take: a sweep on adding it would drop a bucket still full.
    this.#buckets.set(client, bucket);
    return waitMs;
  }
}
