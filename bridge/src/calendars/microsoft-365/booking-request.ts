import { toIso } from '../../../../shared/clock.ts';
import type { Microsoft365Link, TimedMeeting } from '../../../../shared/model.ts';
import type { CreatedEvent } from '../remote/remote-provider.ts';
import { eventRef } from './event-ref.ts';
import type { GraphEvent } from './graph-event.ts';

export interface BookingRequest {
  organizer: string;
  onRoomCalendar: boolean;
  path: string;
  body: Record<string, unknown>;
}

/**
 * The Graph request that creates a walk-up booking in Exchange. By default
 * the service mailbox organizes it with the room as a resource attendee (a
 * room mailbox should not organize meetings; the room then accepts or
 * declines it like any booking); a room set to `room-calendar`, or a bridge
 * without a service mailbox, books on the room's own calendar. The local id
 * is the `transactionId`, so a repeated request never makes a second event.
 */
export function bookingRequest(room: { name: string }, link: Microsoft365Link, meeting: TimedMeeting, serviceMailbox: string | null): BookingRequest {
  const mailbox = link.mailbox;
  const onRoomCalendar = link.bookings === 'room-calendar' || serviceMailbox === null;
  const organizer = onRoomCalendar ? mailbox : serviceMailbox;
  return {
    organizer,
    onRoomCalendar,
    path: `/users/${encodeURIComponent(organizer)}/events`,
    body: {
      subject: meeting.subject,
      start: graphTime(meeting.start),
      end: graphTime(meeting.end),
      showAs: 'busy',
      transactionId: meeting.id,
      location: { displayName: room.name, locationEmailAddress: mailbox },
      ...(onRoomCalendar ? {} : { attendees: [{ type: 'resource', emailAddress: { address: mailbox, name: room.name } }] }),
    },
  };
}

/** A time as Graph takes it, in UTC so no zone database has to agree. */
export function graphTime(iso: string): { dateTime: string; timeZone: 'UTC' } {
  return { dateTime: toIso(Date.parse(iso)).slice(0, 23), timeZone: 'UTC' };
}

/**
 * The event a create made: booked on the room's own calendar, it is the
 * room's event itself; made by the service mailbox, the room's copy is
 * found later by the iCalUId the copies share, and the room's answer awaited.
 */
export function createdEvent(request: BookingRequest, event: GraphEvent): CreatedEvent {
  const ref = eventRef({ event: event.id, organizer: request.organizer });
  const shared = event.iCalUId ? { sharedId: event.iCalUId } : {};
  return request.onRoomCalendar ? { key: event.id, ref, ...shared } : { key: null, ref, ...shared, awaitsAnswer: true };
}
