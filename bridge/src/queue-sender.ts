import type { Clock } from '../../shared/clock.ts';

/**
 * What a sender of work waiting in the store does (walk-up changes for
 * Exchange, problem alerts for their webhook): passes over what waits, one
 * at a time. A wake while a pass runs asks for one more pass after it, so
 * what came meanwhile is not left waiting; a pass that throws (the store
 * unreachable, say) goes to `failed`, not to whoever woke it; a retry is
 * planned on the injected clock, in place of any planned before.
 */
export abstract class QueueSender {
  readonly #clock: Clock;
  #running: Promise<void> | null = null;
  #again = false;
  #cancelRetry: () => void = () => {};
  #stopped = false;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** One pass over what waits. */
  protected abstract drain(): Promise<void>;

  /** A pass threw. */
  protected abstract failed(error: unknown): void;

  /** Stopped: a pass under way ends at its next step, and none starts. */
  protected get stopped(): boolean {
    return this.#stopped;
  }

  /** Sends what waits; a call while sending makes one more pass afterwards. Resolves when the running pass ends. */
  wake(): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.drain()
      .catch((error: unknown) => this.failed(error))
      .finally(() => {
        this.#running = null;
        if (this.#again) {
          this.#again = false;
          void this.wake();
        }
      });
    return this.#running;
  }

  /** Resolves when nothing is being sent. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  stop(): void {
    this.#stopped = true;
    this.#cancelRetry();
  }

  /** Wakes after `delayMs` of the clock, in place of a retry planned before. */
  protected retryIn(delayMs: number): void {
    this.#cancelRetry();
    this.#cancelRetry = this.#clock.setTimer(() => void this.wake(), delayMs);
  }
}
