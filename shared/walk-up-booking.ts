import { toIso } from './clock.ts';
import type { RoomSettings, TimedMeeting } from './model.ts';
import type { StatusRoom } from './room-status.ts';
import { localDayOf } from './time-zone.ts';

/** A booking shorter than this is not worth having: the room is effectively taken. */
export const MIN_BOOKING_MINUTES = 5;

/** What the booking rules need of a room: a stored room and the public view displays get both fit. */
export interface BookingRoom extends StatusRoom {
  id: string;
  settings: StatusRoom['settings'] & Pick<RoomSettings, 'privacy' | 'maxBookingMinutes' | 'bookAheadDays'>;
}

/** A walk-up booking's subject: the room's words for one, with the name its booker gave ("Walk-up booking: Ana"). */
export function walkUpSubject(roomWords: string, bookerName: string | undefined): string {
  return bookerName === undefined ? roomWords : `${roomWords}: ${bookerName}`;
}

/** A walk-up booking as every calendar source writes it; its id comes from the action's, so a retry finds it. */
export function walkUpBooking(actionId: string, room: { id: string }, subject: string, start: number, end: number, checkedInAt: number | null): TimedMeeting {
  return {
    id: `walk-up-${actionId}`,
    roomId: room.id,
    subject,
    organizer: null,
    isPrivate: false,
    checkedInAt: checkedInAt === null ? null : toIso(checkedInAt),
    origin: 'walk-up',
    allDay: false,
    start: toIso(start),
    end: toIso(end),
  };
}

/**
 * The end of the last local day a booking may reach: today's end, or that of
 * the day `bookAheadDays` later. Days are stepped one by one, as a day around
 * a daylight-saving change is 23 or 25 hours long.
 */
export function bookableUntil(now: number, room: Pick<BookingRoom, 'timeZone' | 'settings'>): number {
  let day = localDayOf(now, room.timeZone);
  for (let i = 0; i < room.settings.bookAheadDays; i++) day = localDayOf(day.end, room.timeZone);
  return day.end;
}

/** A time as a refusal's message gives it (the display words refusals itself, by their code). */
export function clockTime(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone }).format(ms);
}
