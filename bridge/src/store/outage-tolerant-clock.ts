import type { Clock } from '../../../shared/clock.ts';
import type { Logger } from '../logger.ts';
import { StoreUnavailableError } from './store-unavailable.ts';

/** How soon a timed task that found the store unreachable runs again. */
export const STORE_RETRY_MS = 5_000;

/**
 * A clock whose timers wait out a store outage. A timed task (a room's next
 * status boundary, its no-show deadline, the minute its base unit is brought
 * up to date, a sync round) that finds the store unreachable runs again
 * STORE_RETRY_MS later, until it can: without this, the task would be lost
 * and the error would end the process. Any other error still does.
 */
export function outageTolerantClock(clock: Clock, logger: Logger): Clock {
  return {
    now: () => clock.now(),
    setTimer(callback, delayMs) {
      let cancel: () => void;
      const run = () => {
        try {
          callback();
        } catch (error) {
          if (!(error instanceof StoreUnavailableError)) throw error;
          logger.warn({ err: error, retryInMs: STORE_RETRY_MS }, 'a timed task found the store unreachable: it runs again shortly');
          cancel = clock.setTimer(run, STORE_RETRY_MS);
        }
      };
      cancel = clock.setTimer(run, delayMs);
      return () => cancel();
    },
  };
}
