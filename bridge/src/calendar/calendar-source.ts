import type { Meeting, Room } from '../../../shared/model.ts';
import type { MeetingChange } from '../../../shared/walk-up-rules.ts';

/**
 * Where a room's calendar lives: the bridge's own store (the embedded
 * default) or, later, Microsoft 365.
 *
 * Rules every source keeps:
 * - Reads are served from the bridge's durable store, never by waiting on a
 *   remote service, so a display is answered even when the service is down.
 * - `applyChange` is called inside a store transaction together with the
 *   record of the walk-up action that caused it, and must not do I/O outside
 *   that store: a remote write is queued in the same transaction and sent later.
 * - `updatedAt` is when the source last knew the room's schedule to be true.
 */
export interface CalendarSource {
  readonly kind: 'local';
  listRooms(): Room[];
  getRoom(roomId: string): Room | undefined;
  /** Meetings that may overlap [from, to); all-day events are narrowed by the caller. */
  meetingsBetween(roomId: string, from: number, to: number): Meeting[];
  applyChange(roomId: string, change: MeetingChange): void;
  updatedAt(roomId: string): number | undefined;
}
