import type { CalendarRole, CalendarStore, EmulatedCalendar } from './calendar-store.ts';
import type { EventView } from './event-views.ts';
import { formatTimestamp, renderEventTime } from './time.ts';

/** Whose eyes a rendering is for: the calendar it is read from, the caller's role on it and email, and the zone of `dateTime` values. */
export interface Viewer {
  calendar: EmulatedCalendar;
  role: CalendarRole;
  email: string;
  /** Events: list `timeZone`: "Time zone used in the response ... The default is the time zone of the calendar." */
  timeZone: string;
}

/** An entity tag from the last change, quoted, in microseconds like Google's; the change number fills the microseconds so two changes in one millisecond differ. */
export function etagOf(updatedMs: number, seq = 0): string {
  return `"${updatedMs * 1000 + (seq % 1000)}"`;
}

function htmlLink(id: string, calendarId: string): string {
  return `https://www.google.com/calendar/event?eid=${Buffer.from(`${id} ${calendarId}`).toString('base64url')}`;
}

/**
 * One event as the Events resource documents it
 * (developers.google.com/calendar/api/v3/reference/events). Three cuts:
 * - a cancelled one: "Deleted events are only guaranteed to have the id
 *   field populated" (Events resource, `status`), so only its identity;
 * - for a freeBusyReader, only when it is busy (Acl resource, `role`:
 *   "freeBusyReader - Provides read access to free/busy information");
 * - a private or confidential one for a reader who is not on it: "Private
 *   events will appear to users with reader access, but event details will
 *   be hidden" (Acl resource, `role`; Events resource, `visibility`:
 *   "private - ... only event attendees may view event details").
 */
export function renderEvent(view: EventView, viewer: Viewer, store: CalendarStore): Record<string, unknown> {
  const event = view.copy.event;
  const calendarId = viewer.calendar.id;
  const originalStartTime = view.originalStart ? renderEventTime(view.originalStart, event.start, viewer.timeZone) : undefined;
  const identity = {
    kind: 'calendar#event',
    etag: etagOf(view.updated, view.copy.seq),
    id: view.id,
    status: view.status,
    ...(view.recurringEventId ? { recurringEventId: view.recurringEventId, originalStartTime } : {}),
  };
  if (view.status === 'cancelled') return { ...identity, updated: formatTimestamp(view.updated) };
  const start = renderEventTime(view.start, view.startJson, viewer.timeZone);
  const end = renderEventTime(view.end, view.endJson, viewer.timeZone);
  if (viewer.role === 'freeBusyReader') return { ...identity, start, end };
  const visibility = (event.fields.visibility as string | undefined) ?? 'default';
  const onIt = event.organizerCalendarId === viewer.email.toLowerCase() || event.attendees.some((attendee) => attendee.email === viewer.email.toLowerCase());
  const timing = {
    created: formatTimestamp(event.created),
    updated: formatTimestamp(view.updated),
    start,
    end,
    ...(view.recurrence ? { recurrence: view.recurrence } : {}),
    iCalUID: event.iCalUID,
    sequence: event.sequence,
    ...(visibility !== 'default' ? { visibility } : {}),
    ...(event.fields.transparency ? { transparency: event.fields.transparency } : {}),
  };
  if (viewer.role === 'reader' && (visibility === 'private' || visibility === 'confidential') && !onIt) return { ...identity, ...timing };
  const organizerCalendar = store.calendar(event.organizerCalendarId);
  const { visibility: _visibility, transparency: _transparency, ...fields } = event.fields;
  return {
    ...identity,
    htmlLink: htmlLink(view.id, calendarId),
    ...timing,
    ...fields,
    creator: { email: event.creator, ...(event.creator === calendarId ? { self: true } : {}) },
    organizer: {
      email: event.organizerCalendarId,
      ...(organizerCalendar ? { displayName: organizerCalendar.summary } : {}),
      ...(event.organizerCalendarId === calendarId ? { self: true } : {}),
    },
    ...(event.attendees.length > 0
      ? {
          attendees: event.attendees.map((attendee) => ({
            ...attendee,
            ...(attendee.email === event.organizerCalendarId ? { organizer: true } : {}),
            ...(attendee.email === calendarId ? { self: true } : {}),
          })),
        }
      : {}),
    reminders: event.fields.reminders ?? { useDefault: true },
    eventType: event.fields.eventType ?? 'default',
  };
}
