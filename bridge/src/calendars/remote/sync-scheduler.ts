import type { Clock } from '../../../../shared/clock.ts';
import type { Logger } from '../../logger.ts';

/** One round of a room's sync: false when its calendar could not be read (the room keeps its copy). */
export interface RoomRound<R extends { id: string }> {
  sync(room: R): Promise<boolean>;
}

export interface SyncSchedulerDeps<R extends { id: string }> {
  sync: RoomRound<R>;
  clock: Clock;
  logger: Logger;
  /** Every linked room: read once a period, to pick up rooms linked or unlinked meanwhile. */
  linkedRooms: () => { id: string }[];
  /** One room, if it is (still) linked: read before each of its rounds. */
  linkedRoom: (roomId: string) => R | undefined;
  /** After every round, synced or not: the outbox and the displays follow. */
  afterRound: (roomId: string, synced: boolean) => void;
  periodSeconds: number;
  /** 0..1; tests inject a fixed one. */
  random?: () => number;
  /**
   * Rounds spread over the period's last fifth (80 to 100 % of it) rather
   * than around it (90 to 110 %): a change in the calendar then shows within
   * one period, whatever the jitter.
   */
  neverLate?: boolean;
}

/** Spread rounds of many rooms over the period, so they do not all hit the calendar's server at once. */
const JITTER = 0.1;

/** A room's rounds as the scheduler saw them, on its clock: enough to tell a stuck sync from a failing one. */
export interface RoomRounds {
  roomId: string;
  /** When the scheduler took the room up (at start, or after it was linked). */
  since: number;
  /** When the round under way started; null while none runs. */
  runningSince: number | null;
  /** When the last round ended, synced or not; null before the first. */
  lastEndedAt: number | null;
}

/**
 * Runs each linked room's sync every period (default 15 s) with a little
 * jitter, one round per room at a time, whatever its calendar. Rooms linked
 * or unlinked meanwhile are picked up at the next tick of the room list.
 */
export class SyncScheduler<R extends { id: string }> {
  readonly #deps: SyncSchedulerDeps<R>;
  readonly #timers = new Map<string, () => void>();
  readonly #running = new Map<string, Promise<boolean>>();
  readonly #rounds = new Map<string, Omit<RoomRounds, 'roomId'>>();
  #cancelRefresh: () => void = () => {};
  #stopped = false;

  constructor(deps: SyncSchedulerDeps<R>) {
    this.#deps = deps;
  }

  start(): void {
    this.#stopped = false;
    this.#refresh();
  }

  stop(): void {
    this.#stopped = true;
    this.#cancelRefresh();
    for (const cancel of this.#timers.values()) cancel();
    this.#timers.clear();
    this.#rounds.clear();
  }

  /** The rooms this scheduler keeps in step, and their rounds; none while it is stopped. */
  rounds(): RoomRounds[] {
    return [...this.#timers.keys()].flatMap((roomId) => {
      const rounds = this.#rounds.get(roomId);
      return rounds ? [{ roomId, ...rounds }] : [];
    });
  }

  /** Syncs the room now (on link, on "check status", in tests), after any round already running. */
  async syncNow(roomId: string): Promise<boolean> {
    await this.#running.get(roomId);
    const room = this.#deps.linkedRoom(roomId);
    return room ? this.#round(room) : false;
  }

  /** Resolves when no round is running. */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.all(this.#running.values());
  }

  #refresh(): void {
    const rooms = this.#deps.linkedRooms();
    const linked = new Set(rooms.map((room) => room.id));
    for (const [roomId, cancel] of this.#timers) {
      if (!linked.has(roomId)) {
        cancel();
        this.#timers.delete(roomId);
      }
    }
    // Rounds run by syncNow for a room unlinked since are forgotten here too.
    for (const roomId of this.#rounds.keys()) if (!linked.has(roomId)) this.#rounds.delete(roomId);
    for (const room of rooms) {
      if (this.#timers.has(room.id)) continue;
      if (!this.#rounds.has(room.id)) this.#rounds.set(room.id, { since: this.#deps.clock.now(), runningSince: null, lastEndedAt: null });
      this.#schedule(room.id, (this.#deps.random ?? Math.random)() * this.#periodMs());
    }
    this.#cancelRefresh = this.#deps.clock.setTimer(() => this.#refresh(), this.#periodMs());
  }

  #schedule(roomId: string, delayMs: number): void {
    this.#timers.set(
      roomId,
      this.#deps.clock.setTimer(() => {
        const room = this.#deps.linkedRoom(roomId);
        if (!room || this.#stopped) {
          this.#timers.delete(roomId);
          this.#rounds.delete(roomId);
          return;
        }
        void this.#round(room).finally(() => {
          if (this.#stopped || !this.#timers.has(roomId)) return;
          const jitter = 1 + ((this.#deps.random ?? Math.random)() * 2 - 1) * JITTER - (this.#deps.neverLate ? JITTER : 0);
          this.#schedule(roomId, this.#periodMs() * jitter);
        });
      }, delayMs),
    );
  }

  #round(room: R): Promise<boolean> {
    const running = this.#running.get(room.id);
    if (running) return running;
    const startedAt = this.#deps.clock.now();
    const earlier = this.#rounds.get(room.id);
    this.#rounds.set(room.id, { since: earlier?.since ?? startedAt, runningSince: startedAt, lastEndedAt: earlier?.lastEndedAt ?? null });
    const round = this.#deps.sync
      .sync(room)
      .catch((error: unknown) => {
        this.#deps.logger.error({ err: error, roomId: room.id }, 'room calendar sync failed');
        return false;
      })
      .then((synced) => {
        this.#running.delete(room.id);
        // Not for a room forgotten meanwhile (stopped, or unlinked): that would bring it back.
        const rounds = this.#rounds.get(room.id);
        if (rounds) this.#rounds.set(room.id, { ...rounds, runningSince: null, lastEndedAt: this.#deps.clock.now() });
        this.#deps.afterRound(room.id, synced);
        return synced;
      });
    this.#running.set(room.id, round);
    return round;
  }

  #periodMs(): number {
    return this.#deps.periodSeconds * 1000;
  }
}
