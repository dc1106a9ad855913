import { MINUTE_MS } from '../../../../shared/clock.ts';

/**
 * How long a sender of walk-up changes waits before trying a calendar again:
 * 5 s, doubling to at most 5 min while it keeps failing, back to 5 s once
 * everything was sent; never less than a server asked for (Retry-After).
 */
export class RetryBackoff {
  static readonly FIRST_MS = 5_000;
  static readonly MAX_MS = 5 * MINUTE_MS;
  #delay = RetryBackoff.FIRST_MS;

  /** The wait before the next try, at least `atLeastMs`; the one after is twice as long. */
  next(atLeastMs = 0): number {
    const wait = Math.max(atLeastMs, this.#delay);
    this.#delay = Math.min(RetryBackoff.MAX_MS, this.#delay * 2);
    return wait;
  }

  /** The wait the next failure will start from, as `next` would give it. */
  peek(): number {
    return this.#delay;
  }

  reset(): void {
    this.#delay = RetryBackoff.FIRST_MS;
  }
}
