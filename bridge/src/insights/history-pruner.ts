import { DAY_MS, type Clock } from '../../../shared/clock.ts';
import type { Logger } from '../logger.ts';
import type { MeetingHistory } from './meeting-history.ts';
import type { PresenceHistory } from './presence-history.ts';

/** How long the history is kept: a year and a month, so a month can be set beside the same month a year before. */
const HISTORY_MONTHS = 13;

/** The first day (UTC) of the month HISTORY_MONTHS before `now`'s: what started before it is forgotten, so 13 whole months are always kept. */
function historyCutoff(now: number): number {
  const today = new Date(now);
  return Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - HISTORY_MONTHS, 1);
}

interface HistoryPrunerDeps {
  meetings: MeetingHistory;
  presence: PresenceHistory;
  clock: Clock;
  logger: Logger;
}

/**
 * Forgets history older than HISTORY_MONTHS, at start and then daily. Every
 * bridge process sharing the store may do it: deleting what is already gone
 * changes nothing.
 */
export class HistoryPruner {
  readonly #deps: HistoryPrunerDeps;
  #cancel: () => void = () => {};

  constructor(deps: HistoryPrunerDeps) {
    this.#deps = deps;
  }

  start(): void {
    const { meetings, presence, clock, logger } = this.#deps;
    const cutoff = historyCutoff(clock.now());
    const pruned = meetings.pruneBefore(cutoff) + presence.pruneBefore(cutoff);
    if (pruned > 0) logger.info({ pruned, months: HISTORY_MONTHS }, 'forgot usage history older than the months kept');
    this.#cancel = clock.setTimer(() => this.start(), DAY_MS);
  }

  stop(): void {
    this.#cancel();
  }
}
