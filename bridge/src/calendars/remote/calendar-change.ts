import type { RoomStore } from '../../store/room-store.ts';
import type { RemoteStore } from './remote-store.ts';

/**
 * The room now follows another calendar (its settings changed, in the rooms
 * file or on the admin page): it forgets the one it followed, its meetings
 * from there, cursor and cache, and the changes of them still queued, moot
 * now. A walk-up booking not yet written stays, with its later changes: it is
 * the room's, and is written to the calendar the room follows now, so no
 * booking is lost to the change. Joins the caller's transaction.
 */
export function forgetFormerCalendar(roomId: string, deps: { store: RoomStore; remote: RemoteStore; now: number }): void {
  const { store, remote, now } = deps;
  store.transaction(() => {
    const queued = remote.outbox.waiting(Number.MAX_SAFE_INTEGER, [roomId]);
    const unwritten = new Set(queued.filter((entry) => entry.change.kind === 'create').map((entry) => entry.meetingId));
    for (const link of remote.linksOfRoom(roomId)) {
      if (unwritten.has(link.meetingId)) continue;
      store.deleteMeeting(link.meetingId);
      remote.deleteLink(link.meetingId);
    }
    for (const entry of queued) if (!unwritten.has(entry.meetingId)) remote.outbox.markSent(entry.seq);
    remote.forgetSync(roomId);
    store.touchRoom(roomId, now);
  });
}
