import type { RoomStore } from '../../store/room-store.ts';
import type { CreatedEvent } from './remote-provider.ts';
import type { RemoteStore } from './remote-store.ts';

/**
 * Records that the room's calendar made a walk-up booking, under `key`.
 * After a crash between the calendar's answer and this record, a round may
 * already have read the event (or the room's copy of it, which shares its
 * `sharedId`) and, not knowing it, shown it as a meeting of its own: it is
 * this booking, so that copy goes rather than show it twice. Unless the
 * booking was taken back while its write was under way (its link and
 * meeting are gone); a booking exported from before the room had its
 * calendar has a meeting and no link yet.
 */
export function recordCreatedEvent(
  deps: { store: RoomStore; remote: RemoteStore },
  booking: { roomId: string; meetingId: string; key: string; event: CreatedEvent },
  now: number,
): void {
  const { store, remote } = deps;
  const { roomId, meetingId, key, event } = booking;
  store.transaction(() => {
    const link = remote.linkOf(meetingId);
    if (!link && !store.getMeeting(meetingId)) return;
    const byKey = event.key === null ? undefined : remote.linkByKey(roomId, event.key);
    const found = byKey ?? (event.sharedId ? remote.calendarLinkBySharedId(roomId, event.sharedId) : undefined);
    const copy = found?.meetingId === meetingId ? undefined : found;
    if (copy) {
      store.deleteMeeting(copy.meetingId);
      remote.deleteLink(copy.meetingId);
      store.touchRoom(roomId, now);
    }
    remote.saveLink(
      {
        meetingId,
        roomId,
        key: event.key ?? copy?.key ?? link?.key ?? null,
        ref: event.ref,
        createdFor: key,
        sharedId: event.sharedId ?? null,
        // The room's copy read already is its answer.
        awaitsAnswer: event.awaitsAnswer === true && copy === undefined && (link?.key ?? null) === null,
      },
      now,
    );
  });
}
