import type { Clock } from '../../shared/clock.ts';
import { SweptMap } from './limits/swept-map.ts';

/**
 * Counts failures per key over a sliding window: a short secret (a PIN, a
 * pairing code) falls to guessing unless a guesser is made to wait once
 * too many of their attempts failed. Only the last `max` failures of a key
 * matter, so only they are kept, and keys with none left in the window are
 * forgotten: a flood of guesses from ever new addresses costs bounded memory.
 */
export class FailureWindow {
  readonly #clock: Clock;
  readonly #max: number;
  readonly #windowMs: number;
  readonly #failures: SweptMap<string, number[]>;

  constructor(clock: Clock, limit: { max: number; windowMs: number }) {
    this.#clock = clock;
    this.#max = limit.max;
    this.#windowMs = limit.windowMs;
    this.#failures = new SweptMap((failures) => failures.every((at) => clock.now() - at >= limit.windowMs));
  }

  /** How long `key` must wait before its next attempt counts: 0 when it may try now. */
  waitMs(key: string): number {
    const recent = this.#recent(key);
    return recent.length >= this.#max ? recent[recent.length - this.#max]! + this.#windowMs - this.#clock.now() : 0;
  }

  fail(key: string): void {
    this.#failures.set(key, [...this.#recent(key), this.#clock.now()].slice(-this.#max));
  }

  /** Uses up `key`'s allowance at once: it waits a whole window from now. */
  lock(key: string): void {
    this.#failures.set(key, Array<number>(this.#max).fill(this.#clock.now()));
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
