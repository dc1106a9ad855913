import type { Clock } from '../../shared/clock.ts';

/**
 * Counts failures per key over a sliding window: a short secret (a PIN, a
 * pairing code) falls to guessing unless a guesser is made to wait once
 * too many of their attempts failed.
 */
export class FailureWindow {
  readonly #clock: Clock;
  readonly #max: number;
  readonly #windowMs: number;
  readonly #failures = new Map<string, number[]>();

  constructor(clock: Clock, limit: { max: number; windowMs: number }) {
    this.#clock = clock;
    this.#max = limit.max;
    this.#windowMs = limit.windowMs;
  }

  /** How long `key` must wait before its next attempt counts: 0 when it may try now. */
  waitMs(key: string): number {
    const recent = this.#recent(key);
    return recent.length >= this.#max ? recent[recent.length - this.#max]! + this.#windowMs - this.#clock.now() : 0;
  }

  fail(key: string): void {
    this.#failures.set(key, [...this.#recent(key), this.#clock.now()]);
  }

  reset(key: string): void {
    this.#failures.delete(key);
  }

  #recent(key: string): number[] {
    const now = this.#clock.now();
    const recent = (this.#failures.get(key) ?? []).filter((at) => now - at < this.#windowMs);
    if (recent.length === 0) this.#failures.delete(key);
    return recent;
  }
}
