import type { Clock } from '../../../shared/clock.ts';
import { roomSummaryStatus, type FreeRoomNearby, type RoomSummaryStatus } from '../../../shared/building.ts';
import { fail, ok, type Result } from '../../../shared/errors.ts';
import { nearestFreeRooms } from '../../../shared/nearest-free-rooms.ts';
import { nextStatusChange } from '../../../shared/status-boundary.ts';
import type { ChangeOrigin, RoomService } from '../rooms/room-service.ts';

type SummaryListener = (summary: RoomSummaryStatus, origin: ChangeOrigin) => void;

/**
 * Every room's summary, kept current, for the building overview and "find a
 * free room": read from memory, so a hub of 1,000 rooms answers at once.
 *
 * A room's status also changes with no change to its schedule, as time
 * passes (a meeting starts: Busy). The bridge, not the page, follows that:
 * it re-reads a room at the room's next status boundary and announces the
 * summary if it changed. The page then needs no schedules (so no meeting
 * ever reaches a building screen), no copy of the status engine with each
 * room's check-in settings, and no timers of its own; and the moment is the
 * bridge's clock, the same one its displays correct themselves by. One timer
 * per room is cheap for the bridge. The cost is that a page cut off from the
 * bridge stops following time, which it says (it shows itself offline).
 */
export class BuildingBoard {
  readonly #rooms: RoomService;
  readonly #clock: Clock;
  readonly #summaries = new Map<string, RoomSummaryStatus>();
  readonly #boundaryTimers = new Map<string, () => void>();
  readonly #listeners = new Set<SummaryListener>();
  #unsubscribe: () => void = () => {};

  constructor(rooms: RoomService, clock: Clock) {
    this.#rooms = rooms;
    this.#clock = clock;
  }

  start(): void {
    this.#unsubscribe = this.#rooms.onRoomChanged((roomId, origin) => this.#refresh(roomId, origin));
    for (const roomId of this.#rooms.roomIds()) this.#refresh(roomId, null);
  }

  stop(): void {
    this.#unsubscribe();
    for (const cancel of this.#boundaryTimers.values()) cancel();
    this.#boundaryTimers.clear();
  }

  summaries(): RoomSummaryStatus[] {
    return [...this.#summaries.values()];
  }

  /** The free rooms nearest to `roomId`, best first (see nearestFreeRooms). */
  freeNearby(roomId: string): Result<FreeRoomNearby[]> {
    const from = this.#summaries.get(roomId);
    if (!from) return fail('room-not-found', `There is no room "${roomId}".`);
    return ok(nearestFreeRooms(from, this.summaries()).map((room) => ({ ...room, open: this.#rooms.accessOf(room.id) === 'open' })));
  }

  /**
   * Calls `listener` with a room's summary whenever it changes: with the
   * origin of the room change, or `everywhere` at a status boundary, which
   * every bridge process sharing the store reaches at the same moment.
   */
  onSummaryChanged(listener: SummaryListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Reads the room again and plans its next boundary; announces a changed summary unless `origin` is null (the first read). */
  #refresh(roomId: string, origin: ChangeOrigin | null): void {
    this.#boundaryTimers.get(roomId)?.();
    this.#boundaryTimers.delete(roomId);
    const state = this.#rooms.getState(roomId);
    if (!state.ok) {
      this.#summaries.delete(roomId);
      return;
    }
    const summary = roomSummaryStatus(state.data);
    const before = this.#summaries.get(roomId);
    this.#summaries.set(roomId, summary);
    const boundary = nextStatusChange(state.data.events, Date.parse(state.data.now), state.data.room);
    if (boundary !== null) {
      this.#boundaryTimers.set(roomId, this.#clock.setTimer(() => this.#refresh(roomId, 'everywhere'), boundary - this.#clock.now()));
    }
    if (origin === null || JSON.stringify(before) === JSON.stringify(summary)) return;
    for (const listener of this.#listeners) listener(summary, origin);
  }
}
