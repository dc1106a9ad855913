import { MINUTE_MS, type Clock } from '../../../shared/clock.ts';
import { computeRoomStatus } from '../../../shared/room-status.ts';
import { bookingOptions, checkInCandidate } from '../../../shared/walk-up-rules.ts';
import type { CalendarSource } from '../calendars/calendar-source.ts';
import type { DeviceEvent, DeviceStatus, RoomDevice } from '../devices/room-device.ts';
import { clientOf } from '../limits/client.ts';
import type { Logger } from '../logger.ts';
import type { RoomService } from '../rooms/room-service.ts';
import { desiredUnitState, isOfficeHours } from './hardware-policy.ts';
import type { OccupancySource, PresenceLog } from './presence-log.ts';

const BUTTON_BOOKING_MINUTES = 30;

export interface RoomHardwareDeps {
  roomId: string;
  /** The room's devices (its base unit, display controller, ClickShare unit), each following the same wish. */
  devices: readonly RoomDevice[];
  rooms: RoomService;
  calendar: CalendarSource;
  presence: PresenceLog;
  clock: Clock;
  logger: Logger;
  /** Data older than two sync periods is stale: the line the displays draw for "Last updated N min ago" too. */
  syncPeriodSeconds: number;
}

/**
 * Makes one room's devices follow its calendar (SPEC section 8): applies
 * the hardware policy whenever the room changes and every minute, and turns
 * what any device reports into what it means for the room: sharing a screen
 * in the check-in window checks the meeting in, people seen keep it from
 * being released and wake a sleeping monitor, WAKE (or a screen switched on
 * by hand) wakes it, BOOK books the room.
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
    const { rooms, devices, roomId } = this.#deps;
    this.#stops.push(rooms.onRoomChanged((changed) => changed === roomId && this.#apply()));
    for (const device of devices) this.#stops.push(device.onEvent((event) => this.#onEvent(event, device.status().kind)));
    this.#everyMinute();
    this.#apply();
  }

  /** Each of the room's devices as it is now. */
  deviceStatuses(): DeviceStatus[] {
    return this.#deps.devices.map((device) => device.status());
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
    const wish = { ...desiredUnitState({ ...context, sharing: this.#sharing, wakeUntil: this.#wakeUntil, calendarStale }), roomName: context.room.name };
    for (const device of this.#deps.devices) device.want(wish);
  }

  /** A reading from outside the room's devices (its occupancy topic on MQTT): the same as a device's. */
  report(event: DeviceEvent): void {
    this.#onEvent(event, 'mqtt');
  }

  #onEvent(event: DeviceEvent, source: OccupancySource): void {
    const context = this.#context();
    if (!context) return;
    const { room, now, meetings } = context;
    const { presence, roomId, logger } = this.#deps;
    const wake = () => (this.#wakeUntil = now + room.settings.hardware.wakeMinutes * MINUTE_MS);
    switch (event.kind) {
      case 'sharing':
        this.#sharing = event.sharing;
        if (this.#sharing) {
          const candidate = checkInCandidate(meetings, now, room);
          if (candidate) this.#act({ type: 'check-in', meetingId: candidate.id }, 'screen sharing checked the meeting in');
        }
        break;
      case 'occupancy': {
        const changed = presence.report(roomId, source, event.occupied, now, event.people ?? null);
        if (event.occupied && !isOfficeHours(room, now)) wake();
        // Displays, the API and MQTT say whether the room is occupied: they hear of it as of any change of the room.
        if (changed) this.#deps.rooms.roomChanged(roomId);
        break;
      }
      case 'wake':
        wake();
        break;
      case 'book': {
        const status = computeRoomStatus(meetings, now, room).status;
        const options = bookingOptions(meetings, now, room);
        if (status === 'available' || status === 'starting-soon') {
          const minutes = options.minutes.includes(BUTTON_BOOKING_MINUTES) ? BUTTON_BOOKING_MINUTES : undefined;
          this.#act({ type: 'book-now', ...(minutes ? { minutes } : {}) }, 'BOOK button booked the room');
        } else {
          logger.info({ roomId, status }, 'BOOK button pressed while the room is not free: ignored');
        }
        break;
      }
    }
    this.#apply();
  }

  #act(action: { type: 'check-in'; meetingId: string } | { type: 'book-now'; minutes?: 30 }, why: string): void {
    const { rooms, roomId, logger } = this.#deps;
    const result = rooms.applyAction(roomId, { id: crypto.randomUUID(), ...action }, clientOf({ baseUnit: roomId }));
    logger.info({ roomId, action: action.type, ok: result.ok, code: result.ok ? undefined : result.code }, why);
  }
}
