import { copyStatus, type CalendarStore, type EventCopy, type ResponseStatus, type SharedEvent } from './calendar-store.ts';
import { eventTiming, generatedInstances, isRecurring, overlaps, type EventView } from './event-views.ts';

/** The spans an event occupies: itself, or a recurring event's instances (and its exceptions on the same calendar). */
function spansOf(copy: EventCopy, store: CalendarStore): EventView[] {
  if (isRecurring(copy.event)) return generatedInstances(copy, store).filter((view) => view.status !== 'cancelled');
  const { start, end } = eventTiming(store, copy.event);
  return [{ copy, id: copy.event.id, status: copyStatus(copy), start, end, startJson: copy.event.start, endJson: copy.event.end, updated: copy.updated }];
}

/** Whether a copy on a resource's calendar holds the resource: booked directly (the resource organizes it) or accepted. */
function holdsResource(copy: EventCopy, resourceId: string): boolean {
  const event = copy.event;
  if (copyStatus(copy) === 'cancelled' || event.fields.transparency === 'transparent') return false;
  if (event.organizerCalendarId === resourceId) return true;
  return event.attendees.some((attendee) => attendee.email === resourceId && attendee.responseStatus === 'accepted');
}

function sameSeries(a: SharedEvent, b: SharedEvent): boolean {
  const root = (event: SharedEvent) => event.recurringEventId ?? event.id;
  return root(a) === root(b);
}

/**
 * How a resource answers an invitation. Google: "To book resources and
 * rooms, add them to events as attendees using their email address. When
 * they receive the invitation, they automatically accept or decline the
 * event based on the availability and access right of the inviting user"
 * (Calendar API "Resources, rooms and domain calendars",
 * developers.google.com/calendar/api/concepts/domain). Availability: no
 * event the resource holds overlaps any span of the invitation (for a
 * recurring invitation, any instance); access right: the resource's
 * bookers, when it has any, include the organizer.
 */
export function resourceAnswer(store: CalendarStore, event: SharedEvent, resourceId: string, organizer: string): ResponseStatus {
  const calendar = store.calendar(resourceId);
  if (!calendar?.resource) return 'needsAction';
  const bookers = calendar.resource.bookers?.map((email) => email.toLowerCase());
  if (bookers && !bookers.includes(organizer.toLowerCase())) return 'declined';
  const own = store.copy(resourceId, event.id) ?? { calendarId: resourceId, event, seq: 0, updated: 0, removed: false };
  const wanted = spansOf(own, store);
  for (const held of store.copies(resourceId)) {
    if (sameSeries(held.event, event) || !holdsResource(held, resourceId)) continue;
    for (const span of spansOf(held, store)) if (wanted.some((want) => overlaps(want, span))) return 'declined';
  }
  return 'accepted';
}

/**
 * Lets every resource on the guest list answer (again): when it is invited,
 * and when the organizer moves the event. `only` limits it to some of them.
 */
export function answerResources(store: CalendarStore, event: SharedEvent, only?: Set<string>): void {
  // Booked on the resource's own calendar, the inviting user is whoever created the event there.
  const organizer = store.calendar(event.organizerCalendarId)?.resource ? event.creator : event.organizerCalendarId;
  for (const attendee of event.attendees) {
    if (!attendee.resource || (only && !only.has(attendee.email))) continue;
    attendee.responseStatus = resourceAnswer(store, event, attendee.email, organizer);
  }
}
