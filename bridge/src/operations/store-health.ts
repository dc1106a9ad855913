import { z } from 'zod';
import { toIso, type Clock } from '../../../shared/clock.ts';
import { StoreUnavailableError } from '../store/store-unavailable.ts';

export const StoreProblem = z.object({
  code: z.literal('store-unreachable').describe('`store-unreachable`: the bridge cannot reach its database (PostgreSQL).'),
  since: z.iso.datetime().describe('When the health check first found it unreachable.'),
  message: z.string().describe('What is wrong and what to do.'),
});
export type StoreProblem = z.infer<typeof StoreProblem>;

/**
 * Whether the store answers, asked at each health check. A bridge that cannot
 * reach it takes no booking and links no display, so it is unhealthy: a load
 * balancer then sends its displays to a process that can. A restart does not
 * cure it, but does no harm: a bridge refuses to start without its database,
 * and the watchdog starts it again until it is back.
 */
export class StoreHealth {
  readonly #probe: () => void;
  readonly #clock: Clock;
  #unreachableSince: number | null = null;

  constructor(probe: () => void, clock: Clock) {
    this.#probe = probe;
    this.#clock = clock;
  }

  problem(): StoreProblem | null {
    try {
      this.#probe();
      this.#unreachableSince = null;
      return null;
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      this.#unreachableSince ??= this.#clock.now();
      return {
        code: 'store-unreachable',
        since: toIso(this.#unreachableSince),
        message: `The bridge cannot reach its database (${error.message}): displays keep showing the schedule they have and keep walk-up bookings until it is back. Check that PostgreSQL runs and that this machine reaches it (LINTEL_DATABASE_URL).`,
      };
    }
  }
}
