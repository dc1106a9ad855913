import type { Microsoft365Link, Room } from '../../../../shared/model.ts';
import type { RemoteCalendarConfig } from '../../../../shared/remote-calendar-config.ts';

/** A room's calendar as the engine follows it: a rooms file's remote calendar, or the room's Microsoft 365 mailbox. */
export type CalendarSettings = RemoteCalendarConfig | ({ type: 'microsoft365' } & Microsoft365Link);
export type CalendarKind = CalendarSettings['type'];

/** A room with the calendar an engine follows for it. */
export type RoomOnCalendar = Omit<Room, 'calendar'> & { calendar: CalendarSettings };

/** Which calendar, if any, an engine follows for a room: each engine serves the rooms of one kind of settings. */
export type CalendarOf = (room: Room) => CalendarSettings | null;

/** The rooms file's and the admin page's remote calendars (Google, CalDAV, ICS). */
export const remoteCalendarOf: CalendarOf = (room) => room.calendar;

/** A room linked to a Microsoft 365 room mailbox. */
export const microsoft365CalendarOf: CalendarOf = (room) => (room.microsoft365 ? { type: 'microsoft365', ...room.microsoft365 } : null);

/** The room with the calendar `calendarOf` finds for it; undefined when it has none. */
export function onCalendar(room: Room | undefined, calendarOf: CalendarOf): RoomOnCalendar | undefined {
  const calendar = room && calendarOf(room);
  return calendar ? { ...room, calendar } : undefined;
}
