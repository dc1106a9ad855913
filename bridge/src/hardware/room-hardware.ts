import { MINUTE_MS, type Clock } from '../../../shared/clock.ts';
import { computeRoomStatus } from '../../../shared/room-status.ts';
import { bookingOptions, checkInCandidate } from '../../../shared/walk-up-rules.ts';
import type { UnitEvent } from '../base-unit/unit-link.ts';
import type { BaseUnit } from '../base-unit/unit-session.ts';
import type { CalendarSource } from '../calendar/calendar-source.ts';
import { clientOf } from '../limits/client.ts';
import type { Logger } from '../logger.ts';
import type { RoomService } from '../rooms/room-service.ts';
import { desiredUnitState, isOfficeHours } from './hardware-policy.ts';
import type { PresenceLog } from './presence-log.ts';

const BUTTON_BOOKING_MINUTES = 30;

export interface RoomHardwareDeps {
  roomId: string;
  unit: BaseUnit;
  rooms: RoomService;
  calendar: CalendarSource;
  presence: PresenceLog;
  clock: Clock;
  logger: Logger;
  /** Data older than two sync periods is stale: the line the displays draw for "Last updated N min ago" too. */
  syncPeriodSeconds: number;
}

/**
 * Makes one room's base unit follow its calendar (SPEC section 8): applies
 * the hardware policy whenever the room changes and every minute, and turns
 * what the unit reports into what it means for the room: sharing a screen in
 * the check-in window checks the meeting in, people seen keep it from being
 * released and wake a sleeping monitor, WAKE wakes it, BOOK books the room.
 */
export class RoomHardware {
  readonly #deps: RoomHardwareDeps;
  #sharing = false;
  #wakeUntil: number | null = null;
  #stops: (() => void)[] = [];

  constructor(deps: RoomHardwareDeps) {
    this.#deps = deps;
  }

  start(): void {
    const { rooms, unit, roomId } = this.#deps;
    this.#stops.push(rooms.onRoomChanged((changed) => changed === roomId && this.#apply()));
    this.#stops.push(unit.onEvent((event) => this.#onEvent(event)));
    this.#everyMinute();
    this.#apply();
  }

  stop(): void {
    for (const stop of this.#stops) stop();
    this.#stops = [];
  }

  #everyMinute(): void {
    const { clock } = this.#deps;
    const cancel = clock.setTimer(() => {
      this.#apply();
      this.#everyMinute();
    }, MINUTE_MS - (clock.now() % MINUTE_MS));
    this.#stops.push(cancel);
  }

  #context() {
    const { calendar, clock, roomId, rooms } = this.#deps;
    const room = calendar.getRoom(roomId);
    const now = clock.now();
    return room ? { room, now, meetings: rooms.meetingsAround(room, now) } : null;
  }

  #apply(): void {
    const context = this.#context();
    if (!context) return;
    const syncedAt = this.#deps.calendar.syncedAt(this.#deps.roomId);
    const calendarStale = syncedAt !== null && context.now - syncedAt > 2 * this.#deps.syncPeriodSeconds * 1000;
    this.#deps.unit.want(desiredUnitState({ ...context, sharing: this.#sharing, wakeUntil: this.#wakeUntil, calendarStale }));
  }

  #onEvent(event: UnitEvent): void {
    const context = this.#context();
    if (!context) return;
    const { room, now, meetings } = context;
    const { presence, roomId, logger } = this.#deps;
    switch (event.name) {
      case 'SHARING':
        this.#sharing = event.fields.state === '1';
        if (this.#sharing) {
          const candidate = checkInCandidate(meetings, now, room);
          if (candidate) this.#act({ type: 'check-in', meetingId: candidate.id }, 'screen sharing checked the meeting in');
        }
        break;
      case 'PEOPLE': {
        const people = Number(event.fields.n);
        if (Number.isFinite(people) && people > 0) {
          presence.seen(roomId, now);
          if (!isOfficeHours(room, now)) this.#wakeUntil = now + room.settings.hardware.wakeMinutes * MINUTE_MS;
        }
        break;
      }
      case 'BUTTON':
        if (event.fields.name === 'WAKE') this.#wakeUntil = now + room.settings.hardware.wakeMinutes * MINUTE_MS;
        if (event.fields.name === 'BOOK') {
          const status = computeRoomStatus(meetings, now, room).status;
          const options = bookingOptions(meetings, now, room);
          if (status === 'available' || status === 'starting-soon') {
            const minutes = options.minutes.includes(BUTTON_BOOKING_MINUTES) ? BUTTON_BOOKING_MINUTES : undefined;
            this.#act({ type: 'book-now', ...(minutes ? { minutes } : {}) }, 'BOOK button booked the room');
          } else {
            logger.info({ roomId, status }, 'BOOK button pressed while the room is not free: ignored');
          }
        }
        break;
    }
    this.#apply();
  }

  #act(action: { type: 'check-in'; meetingId: string } | { type: 'book-now'; minutes?: 30 }, why: string): void {
    const { rooms, roomId, logger } = this.#deps;
    const result = rooms.applyAction(roomId, { id: crypto.randomUUID(), ...action }, clientOf({ baseUnit: roomId }));
    logger.info({ roomId, action: action.type, ok: result.ok, code: result.ok ? undefined : result.code }, why);
  }
}
