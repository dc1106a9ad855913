import { MINUTE_MS, type Clock } from '../../../shared/clock.ts';
import type { OccupancySource, PresenceLog } from '../hardware/presence-log.ts';
import type { Logger } from '../logger.ts';
import type { PresenceHistory, PresenceRow } from './presence-history.ts';

/**
 * How often an interval still open is written again up to now: a bridge
 * that stops while people are in a room leaves the interval ending at most
 * this long before it stopped.
 */
export const PRESENCE_CONFIRM_MS = 5 * MINUTE_MS;

export interface PresenceRecorderDeps {
  presence: Pick<PresenceLog, 'onReading'>;
  history: PresenceHistory;
  clock: Clock;
  logger: Logger;
}

/**
 * Keeps when each sensor of this process saw people: an interval opens when
 * the sensor says the room is occupied and closes when it says the room is
 * free, with the most people it counted meanwhile. Readings of other
 * processes' sensors are theirs to record, so no interval is kept twice.
 */
export class PresenceRecorder {
  readonly #deps: PresenceRecorderDeps;
  /** The intervals open now, by room and sensor. */
  readonly #open = new Map<string, PresenceRow>();
  #stopReading: () => void = () => {};
  #cancelConfirm: () => void = () => {};

  constructor(deps: PresenceRecorderDeps) {
    this.#deps = deps;
  }

  start(): void {
    this.#stopReading = this.#deps.presence.onReading((roomId, source, occupied, people) => this.#read(roomId, source, occupied, people));
    this.#confirmPeriodically();
  }

  /** Writes the open intervals up to now: what happens after is not known. */
  stop(): void {
    this.#stopReading();
    this.#cancelConfirm();
    this.#confirmOpen();
  }

  #read(roomId: string, source: OccupancySource, occupied: boolean, people: number | null): void {
    const key = `${roomId} ${source}`;
    const now = this.#deps.clock.now();
    const open = this.#open.get(key);
    if (!open) {
      if (!occupied) return;
      const opened: PresenceRow = { roomId, source, from: now, to: now, maxPeople: people };
      this.#open.set(key, opened);
      this.#save(opened);
      return;
    }
    const maxPeople = people === null ? open.maxPeople : Math.max(people, open.maxPeople ?? 0);
    if (occupied && maxPeople === open.maxPeople) return;
    const updated = { ...open, to: now, maxPeople };
    if (occupied) this.#open.set(key, updated);
    else this.#open.delete(key);
    this.#save(updated);
  }

  #confirmPeriodically(): void {
    this.#cancelConfirm = this.#deps.clock.setTimer(() => {
      this.#confirmOpen();
      this.#confirmPeriodically();
    }, PRESENCE_CONFIRM_MS);
  }

  #confirmOpen(): void {
    const now = this.#deps.clock.now();
    for (const [key, open] of this.#open) {
      const confirmed = { ...open, to: now };
      this.#open.set(key, confirmed);
      this.#save(confirmed);
    }
  }

  /**
   * A reading reaches every listener of the presence log (the no-show
   * release, the other processes): a store that cannot take it now loses
   * this write only; the interval, kept here, is written whole at the next.
   */
  #save(row: PresenceRow): void {
    try {
      this.#deps.history.save(row);
    } catch (error) {
      this.#deps.logger.warn({ err: error, roomId: row.roomId, source: row.source }, 'could not record presence in the history');
    }
  }
}
