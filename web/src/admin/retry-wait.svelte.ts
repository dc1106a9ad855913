import type { Clock } from '../../../shared/clock.ts';

/**
 * The seconds left before the bridge takes another try, counted down from
 * its `Retry-After`: while it runs, the button that would only be refused
 * again is disabled and says how long is left.
 */
export class RetryWait {
  secondsLeft = $state(0);

  readonly #clock: Clock;
  #until = 0;
  #cancel: () => void = () => {};

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  get waiting(): boolean {
    return this.secondsLeft > 0;
  }

  start(seconds: number): void {
    this.#cancel();
    this.#until = this.#clock.now() + seconds * 1000;
    this.#tick();
  }

  stop(): void {
    this.#cancel();
    this.secondsLeft = 0;
  }

  #tick(): void {
    const left = this.#until - this.#clock.now();
    this.secondsLeft = Math.max(0, Math.ceil(left / 1000));
    if (left > 0) this.#cancel = this.#clock.setTimer(() => this.#tick(), left % 1000 || 1000);
  }
}
