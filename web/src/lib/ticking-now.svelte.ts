import type { Clock } from '../../../shared/clock.ts';

/**
 * The time a page shows or counts to, moved on while the page is open, on
 * each whole period of the clock (each whole minute for a wall clock, which
 * must turn when the minute does, not up to a minute after): a table left
 * open an hour must not still say "2 minutes ago" either.
 */
export class TickingNow {
  value = $state(0);

  readonly #clock: Clock;
  readonly #everyMs: number;

  constructor(clock: Clock, everyMs: number) {
    this.#clock = clock;
    this.#everyMs = everyMs;
    this.value = clock.now();
  }

  /** Starts the ticks; returns what stops them, for an $effect's cleanup. */
  start(): () => void {
    let cancel: () => void = () => {};
    const tick = () => {
      this.value = this.#clock.now();
      cancel = this.#clock.setTimer(tick, this.#everyMs - (this.value % this.#everyMs));
    };
    tick();
    return () => cancel();
  }
}
