import type { calendar_v3 } from '@googleapis/calendar';
import type { RemoteOccurrence, RemoteTarget } from '../remote/remote-provider.ts';
import { keyOfEventId } from './booking-event-id.ts';

/** Where a booking made as the user (LINTEL_GOOGLE_SUBJECT) lives: that user's primary calendar, the event's organizer copy. */
const ORGANIZER_COPY = 'primary';

/** A walk-up booking's target: on the room's calendar, or, made as the user, on the user's (`primary/<id>`). */
export function bookingTarget(id: string, organizer: string | null): RemoteTarget & { key: string } {
  return { key: id, ref: organizer ? `${ORGANIZER_COPY}/${id}` : id };
}

/** The calendar a target's event is changed on: the organizer's copy of the bridge's own bookings, else the room's. */
export function targetCalendar(ref: string, roomCalendarId: string): string {
  return ref.startsWith(`${ORGANIZER_COPY}/`) ? ORGANIZER_COPY : roomCalendarId;
}

/**
 * One event of `events.list` with `singleEvents` (an occurrence of a series
 * is its own event, with `recurringEventId`) as the room's calendar holds
 * it; undefined when it has no id or no readable times.
 */
// Calendar API Events resource: start/end are {dateTime} with an offset, or {date} for all-day events (end exclusive).
export function occurrenceOf(event: calendar_v3.Schema$Event, calendarId: string, bookedAs: string | null): RemoteOccurrence | undefined {
  if (!event.id) return undefined;
  const allDay = event.start?.date != null;
  const start = allDay ? event.start?.date : instant(event.start?.dateTime);
  const end = allDay ? event.end?.date : instant(event.end?.dateTime);
  if (!start || !end) return undefined;
  const organizer = event.organizer;
  const createdFor = keyOfEventId(event.id);
  // The room's own bookings are organized by its calendar (self), or by the user the bridge books as; anyone else's only list the room.
  const byBridge = createdFor !== undefined && bookedAs !== null && organizer?.email?.toLowerCase() === bookedAs.toLowerCase();
  const byOthers = organizer != null && !byBridge && organizer.self !== true && organizer.email?.toLowerCase() !== calendarId.toLowerCase();
  // Events resource, attendees[].self: the attendee this copy belongs to, here the room; its responseStatus is the room's answer.
  const room = event.attendees?.find((attendee) => attendee.self === true || attendee.email?.toLowerCase() === calendarId.toLowerCase());
  return {
    ...(byBridge ? bookingTarget(event.id, bookedAs) : { key: event.id, ref: event.id }),
    start,
    end,
    allDay,
    subject: event.summary ?? '',
    organizer: byOthers ? (organizer.displayName ?? organizer.email ?? null) : null,
    // Events resource, visibility: "private" and "confidential" hide the details from other readers.
    isPrivate: event.visibility === 'private' || event.visibility === 'confidential',
    ...(event.recurringEventId ? { seriesId: event.recurringEventId } : {}),
    ...(byOthers ? { organizedElsewhere: true as const } : {}),
    ...(createdFor ? { createdFor } : {}),
    ...(room?.responseStatus === 'declined' ? { declined: true as const } : {}),
  };
}

function instant(dateTime: string | null | undefined): string | undefined {
  if (!dateTime) return undefined;
  const ms = Date.parse(dateTime);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
