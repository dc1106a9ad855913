/**
 * How long a device driver waits before trying again: 0.5 s, doubling to 30 s.
 * Quick enough that a display back from a short blip is followed at once,
 * slow enough that one gone for good costs nothing.
 */
export class RetryBackoff {
  static readonly FIRST_MS = 500;
  static readonly MAX_MS = 30_000;
  #nextMs = RetryBackoff.FIRST_MS;

  /** The wait before the coming retry. */
  get nextMs(): number {
    return this.#nextMs;
  }

  /** Takes the wait for this retry; the one after is twice as long. */
  take(): number {
    const delay = this.#nextMs;
    this.#nextMs = Math.min(RetryBackoff.MAX_MS, this.#nextMs * 2);
    return delay;
  }

  /** It worked: the next fault waits the shortest time again. */
  reset(): void {
    this.#nextMs = RetryBackoff.FIRST_MS;
  }
}
