import { toIso, type Clock } from '../../../../shared/clock.ts';
import type { RoomNotice } from '../../../../shared/model.ts';
import type { Logger } from '../../logger.ts';
import type { RoomStore } from '../../store/room-store.ts';

export interface BookingRollbackDeps {
  store: RoomStore;
  /** How the calendar's integration knows the booking, forgotten with it. */
  links: { deleteLink(meetingId: string): void; dropChangesOf(meetingId: string): void };
  clock: Clock;
  logger: Logger;
  /** Tells the room's displays, after the rollback is stored. */
  announce: (roomId: string) => void;
}

/**
 * Takes back a walk-up booking the room's calendar would not keep (the room
 * declined it, or the server refused it), leaving a notice so the room's displays
 * say why the booking disappeared instead of silently dropping it.
 */
export class BookingRollback {
  readonly #deps: BookingRollbackDeps;

  constructor(deps: BookingRollbackDeps) {
    this.#deps = deps;
  }

  undo(roomId: string, meetingId: string, code: RoomNotice['code'], detail?: string): void {
    const { store, links, clock, logger } = this.#deps;
    const undone = store.transaction(() => {
      const meeting = store.getMeeting(meetingId);
      links.deleteLink(meetingId);
      links.dropChangesOf(meetingId);
      if (!meeting || meeting.allDay) return false;
      store.deleteMeeting(meetingId);
      const now = clock.now();
      store.addNotice(roomId, { id: `${code}-${meetingId}`, code, start: meeting.start, end: meeting.end, at: toIso(now) });
      store.touchRoom(roomId, now);
      return true;
    });
    logger.warn({ roomId, meetingId, code, detail }, 'a walk-up booking was taken back');
    if (undone) this.#deps.announce(roomId);
  }
}
