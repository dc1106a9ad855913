import type { Clock } from '../../../shared/clock.ts';

/** Often enough for "5 minutes ago" to stay true within a minute. */
const TICK_MS = 30_000;

/**
 * The time relative times on the page are counted to, moved on while the
 * page is open: a table left open an hour must not still say "2 minutes ago".
 */
export class TickingNow {
  value = $state(0);

  readonly #clock: Clock;

  constructor(clock: Clock) {
    this.#clock = clock;
    this.value = clock.now();
  }

  /** Starts the ticks; returns what stops them, for an $effect's cleanup. */
  start(): () => void {
    let cancel: () => void = () => {};
    const tick = () => {
      this.value = this.#clock.now();
      cancel = this.#clock.setTimer(tick, TICK_MS);
    };
    tick();
    return () => cancel();
  }
}
