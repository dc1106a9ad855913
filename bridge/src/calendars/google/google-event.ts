import type { calendar_v3 } from '@googleapis/calendar';
import type { RemoteOccurrence } from '../remote/remote-provider.ts';

/**
 * One event of `events.list` with `singleEvents` (an occurrence of a series
 * is its own event, with `recurringEventId`) as the room's calendar holds
 * it; undefined when it has no id or no readable times.
 */
// Calendar API Events resource: start/end are {dateTime} with an offset, or {date} for all-day events (end exclusive).
export function occurrenceOf(event: calendar_v3.Schema$Event, calendarId: string): RemoteOccurrence | undefined {
  if (!event.id) return undefined;
  const allDay = event.start?.date != null;
  const start = allDay ? event.start?.date : instant(event.start?.dateTime);
  const end = allDay ? event.end?.date : instant(event.end?.dateTime);
  if (!start || !end) return undefined;
  const organizer = event.organizer;
  // The room's own bookings are organized by its calendar (self); anyone else's only list the room.
  const byOthers = organizer != null && organizer.self !== true && organizer.email?.toLowerCase() !== calendarId.toLowerCase();
  const key = event.extendedProperties?.private?.lintelKey;
  return {
    key: event.id,
    ref: event.id,
    start,
    end,
    allDay,
    subject: event.summary ?? '',
    organizer: byOthers ? (organizer.displayName ?? organizer.email ?? null) : null,
    // Events resource, visibility: "private" and "confidential" hide the details from other readers.
    isPrivate: event.visibility === 'private' || event.visibility === 'confidential',
    ...(event.recurringEventId ? { seriesId: event.recurringEventId } : {}),
    ...(byOthers ? { organizedElsewhere: true as const } : {}),
    ...(key ? { createdFor: key } : {}),
  };
}

function instant(dateTime: string | null | undefined): string | undefined {
  if (!dateTime) return undefined;
  const ms = Date.parse(dateTime);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
