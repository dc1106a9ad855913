import type { Clock } from '../../../shared/clock.ts';
import type { RoomService } from './room-service.ts';
import { roomLease, soleOwnership, type SyncOwnership } from '../cluster/sync-ownership.ts';

/**
 * Releases meetings nobody checked in to, at the moment their check-in
 * window closes. One timer per room, planned again after every change to the
 * room (a check-in, a new booking, the day rolling over), and a catch-up at
 * start for windows that closed while the bridge was down. Among bridge
 * processes sharing a store, only the room's lease holder releases.
 */
export class NoShowReleaser {
  readonly #rooms: RoomService;
  readonly #clock: Clock;
  readonly #ownership: SyncOwnership;
  readonly #timers = new Map<string, () => void>();
  readonly #unsubscribe: (() => void)[] = [];

  constructor(rooms: RoomService, clock: Clock, ownership: SyncOwnership = soleOwnership) {
    this.#rooms = rooms;
    this.#clock = clock;
    this.#ownership = ownership;
  }

  start(): void {
    this.#unsubscribe.push(
      this.#rooms.onRoomChanged((roomId) => this.#plan(roomId)),
      this.#ownership.onGained(() => this.#planAll()),
    );
    this.#planAll();
  }

  stop(): void {
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
    for (const cancel of this.#timers.values()) cancel();
    this.#timers.clear();
  }

  #planAll(): void {
    for (const roomId of this.#rooms.roomIds()) this.#plan(roomId);
  }

  #plan(roomId: string): void {
    this.#timers.get(roomId)?.();
    this.#timers.delete(roomId);
    if (!this.#ownership.owns(roomLease(roomId))) return;
    // A release notifies a room change, which plans again: nothing more to do here.
    if (this.#rooms.releaseNoShows(roomId) > 0) return;
    const deadline = this.#rooms.nextNoShowDeadline(roomId);
    if (deadline === null) return;
    this.#timers.set(roomId, this.#clock.setTimer(() => this.#plan(roomId), deadline - this.#clock.now()));
  }
}
