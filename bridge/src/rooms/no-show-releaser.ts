import type { Clock } from '../../../shared/clock.ts';
import type { RoomService } from './room-service.ts';

/**
 * Releases meetings nobody checked in to, at the moment their check-in
 * window closes. One timer per room, planned again after every change to the
 * room (a check-in, a new booking, the day rolling over), and a catch-up at
 * start for windows that closed while the bridge was down.
 */
export class NoShowReleaser {
  readonly #rooms: RoomService;
  readonly #clock: Clock;
  readonly #timers = new Map<string, () => void>();
  #unsubscribe: () => void = () => {};

  constructor(rooms: RoomService, clock: Clock) {
    this.#rooms = rooms;
    this.#clock = clock;
  }

  start(): void {
    this.#unsubscribe = this.#rooms.onRoomChanged((roomId) => this.#plan(roomId));
    for (const roomId of this.#rooms.roomIds()) this.#plan(roomId);
  }

  stop(): void {
    this.#unsubscribe();
    for (const cancel of this.#timers.values()) cancel();
    this.#timers.clear();
  }

  #plan(roomId: string): void {
    this.#timers.get(roomId)?.();
    this.#timers.delete(roomId);
    // A release notifies a room change, which plans again: nothing more to do here.
    if (this.#rooms.releaseNoShows(roomId) > 0) return;
    const deadline = this.#rooms.nextNoShowDeadline(roomId);
    if (deadline === null) return;
    this.#timers.set(roomId, this.#clock.setTimer(() => this.#plan(roomId), deadline - this.#clock.now()));
  }
}
