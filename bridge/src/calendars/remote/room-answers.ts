import { MINUTE_MS, type Clock } from '../../../../shared/clock.ts';
import type { BookingRollback } from './booking-rollback.ts';
import { calendarName } from './calendar-description.ts';
import type { RoomOnCalendar } from './calendar-settings.ts';
import type { RemoteCalendar } from './remote-provider.ts';
import type { RemoteStore } from './remote-store.ts';
import type { WarningBoard } from './warning-board.ts';

/** A room that has not answered a booking this long is not processing requests. */
const NO_ANSWER_WARNING_MS = 5 * MINUTE_MS;

/**
 * Asks how the room answered the bookings made in their organizer's
 * calendar that it has not answered yet (Microsoft 365's service mailbox
 * books so, a room mailbox then accepting or declining like any request).
 * A declined booking is taken back with a notice and withdrawn from its
 * organizer's calendar; one whose event is gone is taken back; a room
 * silent for more than 5 minutes is not processing requests, which the
 * admin is told.
 */
export async function checkRoomAnswers(
  room: RoomOnCalendar,
  connection: RemoteCalendar,
  deps: { remote: RemoteStore; clock: Clock; warnings: WarningBoard; rollback: BookingRollback },
): Promise<void> {
  const { remote, clock, warnings, rollback } = deps;
  if (!connection.roomAnswer) return;
  let silent = false;
  for (const link of remote.awaitingAnswers(room.id)) {
    const target = { key: link.key, ref: link.ref! };
    const answer = await connection.roomAnswer(target);
    if (!answer.ok) continue;
    if (answer.value === 'gone') rollback.undo(room.id, link.meetingId, 'booking-declined');
    else if (answer.value === 'declined') {
      rollback.undo(room.id, link.meetingId, 'booking-declined');
      await connection.cancel(target, 'declined');
    } else if (answer.value === 'accepted') remote.saveLink({ ...link, awaitsAnswer: false }, clock.now());
    else if (clock.now() - link.createdAt > NO_ANSWER_WARNING_MS) silent = true;
  }
  if (silent) warnings.raise('room-not-auto-accepting', `${calendarName(room.calendar)} has not answered a booking for more than 5 minutes.`, room.id);
  else warnings.clear('room-not-auto-accepting', room.id);
}
