import type { Meeting, Room } from '../../../shared/model.ts';
import type { SeriesRelease } from '../../../shared/series-release.ts';
import type { MeetingChange } from '../../../shared/walk-up-rules.ts';

/** A meeting of a recurring series. */
export type SeriesOccurrence = Meeting & { seriesId: string };

/**
 * Where a room's calendar lives: the bridge's own store (the embedded
 * default), Microsoft 365, or a remote calendar (Google Workspace, CalDAV,
 * an ICS feed). The rest of the bridge never names one.
 *
 * Rules every source keeps:
 * - Reads are served from the bridge's durable store, never by waiting on a
 *   remote service, so a display is answered even when the service is down.
 * - `applyChange` is called inside a store transaction together with the
 *   record of the walk-up action that caused it, and must not do I/O outside
 *   that store: a remote write is queued in the same transaction and sent later.
 * - `updatedAt` is when the room's schedule last changed.
 * - `syncedAt` is when a remote calendar last confirmed the schedule, or
 *   null when the source is the bridge's own store and so always current.
 * - A `release` change gives a no-show back: a remote calendar cancels or
 *   declines the meeting, the local one removes it.
 * - `releaseSeries` takes the room from a recurring series after no-shows in
 *   a row (checkIn.strikes), under the same rules as `applyChange`: a remote
 *   calendar declines the series for the room, the local one removes its
 *   future occurrences, and a calendar that cannot says why.
 * - A change that arrives from the remote calendar is stored first and then
 *   announced through `onRemoteChange`, so listeners read the new schedule.
 */
export interface CalendarSource {
  listRooms(): Room[];
  getRoom(roomId: string): Room | undefined;
  /** Meetings that may overlap [from, to); all-day events are narrowed by the caller. */
  meetingsBetween(roomId: string, from: number, to: number): Meeting[];
  applyChange(roomId: string, change: MeetingChange): void;
  /** The series `occurrence` belongs to loses the room after `noShows` no-shows in a row. */
  releaseSeries(roomId: string, occurrence: SeriesOccurrence, noShows: number): SeriesRelease;
  updatedAt(roomId: string): number | undefined;
  syncedAt(roomId: string): number | null;
  onRemoteChange(listener: (roomId: string) => void): () => void;
}
