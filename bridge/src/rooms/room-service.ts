import type { Clock } from '../../../shared/clock.ts';
import { fail, ok, type Result } from '../../../shared/errors.ts';
import { meetingsOverlapping } from '../../../shared/meeting-span.ts';
import type { Room, RoomState, RoomSummary, WalkUpAction } from '../../../shared/model.ts';
import { computeRoomStatus } from '../../../shared/room-status.ts';
import { localDayOf } from '../../../shared/time-zone.ts';
import { planWalkUpAction } from '../../../shared/walk-up-rules.ts';
import type { CalendarSource } from '../calendar/calendar-source.ts';
import type { Logger } from '../logger.ts';
import type { RoomStore } from '../store/room-store.ts';

const DAY_MS = 86_400_000;
const WALK_UP_SUBJECT = 'Walk-up booking';

export interface RoomServiceDeps {
  store: RoomStore;
  calendar: CalendarSource;
  clock: Clock;
  logger: Logger;
}

type RoomChangedListener = (roomId: string) => void;

/**
 * The bridge's authority over its rooms: computes each room's state and
 * applies walk-up actions exactly once per action id, atomically with the
 * record of the answer given.
 */
export class RoomService {
  readonly #deps: RoomServiceDeps;
  readonly #listeners = new Set<RoomChangedListener>();
  readonly #rolloverTimers = new Map<string, () => void>();

  constructor(deps: RoomServiceDeps) {
    this.#deps = deps;
  }

  listRooms(): RoomSummary[] {
    return this.#deps.calendar.listRooms().map(({ id, name, timeZone, capacity, equipment }) => ({ id, name, timeZone, capacity, equipment }));
  }

  /** The room a display without a room id shows: a one-room install needs no configuration. */
  defaultRoomId(): string | undefined {
    return this.#deps.calendar.listRooms()[0]?.id;
  }

  getState(roomId: string): Result<RoomState> {
    const room = this.#deps.calendar.getRoom(roomId);
    if (!room) return fail('room-not-found', `There is no room "${roomId}".`);
    return ok(this.#stateOf(room));
  }

  /**
   * Applies a walk-up action once. A repeated id with the same request gets
   * the answer the first one got; a repeated id with a different request is
   * refused, because it means a client reused an id by mistake.
   */
  applyAction(roomId: string, action: WalkUpAction): Result<RoomState> {
    const { store, calendar, clock, logger } = this.#deps;
    const room = calendar.getRoom(roomId);
    if (!room) return fail('room-not-found', `There is no room "${roomId}".`);
    const request = JSON.stringify({ roomId, action });

    let changed = false;
    const result = store.transaction((): Result<RoomState> => {
      const earlier = store.findAction(action.id);
      if (earlier) {
        return earlier.request === request
          ? earlier.result
          : fail('action-id-reused', `Action id ${action.id} was already used for a different action.`);
      }
      const now = clock.now();
      const plan = planWalkUpAction(action, {
        meetings: calendar.meetingsBetween(roomId, now - DAY_MS, now + 2 * DAY_MS),
        now,
        room,
        bookingSubject: WALK_UP_SUBJECT,
      });
      if (plan.ok) {
        calendar.applyChange(roomId, plan.data);
        changed = plan.data.kind !== 'none';
      }
      const answer = plan.ok ? ok(this.#stateOf(room)) : plan;
      store.recordAction({ id: action.id, roomId, request, result: answer, appliedAt: now });
      return answer;
    });

    logger.info({ roomId, actionId: action.id, type: action.type, ok: result.ok, code: result.ok ? undefined : result.code }, 'walk-up action');
    if (changed) this.#notify(roomId);
    return result;
  }

  onRoomChanged(listener: RoomChangedListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Pushes each room's new day to its displays at its local midnight. */
  start(): void {
    for (const room of this.#deps.calendar.listRooms()) this.#scheduleRollover(room);
  }

  stop(): void {
    for (const cancel of this.#rolloverTimers.values()) cancel();
    this.#rolloverTimers.clear();
  }

  #scheduleRollover(room: Room): void {
    const { clock } = this.#deps;
    const now = clock.now();
    const cancel = clock.setTimer(() => {
      this.#notify(room.id);
      this.#scheduleRollover(room);
    }, localDayOf(now, room.timeZone).end - now);
    this.#rolloverTimers.set(room.id, cancel);
  }

  #stateOf(room: Room): RoomState {
    const { calendar, clock } = this.#deps;
    const now = clock.now();
    const day = localDayOf(now, room.timeZone);
    const events = meetingsOverlapping(calendar.meetingsBetween(room.id, day.start, day.end), day, room.timeZone);
    const view = computeRoomStatus(events, now, room);
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return {
      room,
      status: view.status,
      current: view.current,
      next: view.next,
      events,
      freeUntil: iso(view.freeUntil),
      busyUntil: iso(view.busyUntil),
      now: new Date(now).toISOString(),
      updatedAt: new Date(calendar.updatedAt(room.id) ?? now).toISOString(),
    };
  }

  #notify(roomId: string): void {
    for (const listener of this.#listeners) {
      try {
        listener(roomId);
      } catch (error) {
        this.#deps.logger.error({ err: error, roomId }, 'room change listener failed');
      }
    }
  }
}
