import type { RoomStore } from '../../store/room-store.ts';
import type { BookingRequest } from './booking-request.ts';
import type { GraphEvent } from './graph-event.ts';
import type { M365Store } from './m365-store.ts';

/**
 * Records that Exchange made a walk-up booking: the organizer's event, and
 * (booked on the room's own calendar) the room's event itself; otherwise the
 * room's answer is awaited. After a crash between Exchange's answer and this
 * record, a sync may already have brought the room's copy in as a calendar
 * meeting: it is this booking, so it is merged rather than shown twice.
 */
export function recordCreatedBooking(
  deps: { store: RoomStore; m365: M365Store },
  booking: { roomId: string; meetingId: string; request: BookingRequest; event: GraphEvent },
  now: number,
): void {
  const { store, m365 } = deps;
  const { roomId, meetingId, request, event } = booking;
  store.transaction(() => {
    const copy = event.iCalUId ? m365.calendarLinkByUid(roomId, event.iCalUId, meetingId) : undefined;
    if (copy) {
      store.deleteMeeting(copy.meetingId);
      m365.deleteLink(copy.meetingId);
    }
    m365.saveLink(
      {
        meetingId,
        roomId,
        remoteId: request.onRoomCalendar ? event.id : (copy?.remoteId ?? null),
        iCalUId: event.iCalUId ?? null,
        organizerMailbox: request.organizer,
        organizerEventId: event.id,
        roomResponse: request.onRoomCalendar || copy ? 'accepted' : 'pending',
      },
      now,
    );
  });
}
