import type { Clock } from '../../../../shared/clock.ts';
import type { Meeting, Room } from '../../../../shared/model.ts';
import { updatedMeeting } from '../../../../shared/meeting-change.ts';
import { meetingSpan } from '../../../../shared/meeting-span.ts';
import type { SeriesRelease } from '../../../../shared/series-release.ts';
import type { MeetingChange } from '../../../../shared/walk-up-rules.ts';
import type { RoomStore } from '../../store/room-store.ts';
import type { CalendarSource, SeriesOccurrence } from '../calendar-source.ts';

/** The embedded default: the bridge's own store is the room's calendar. */
export class LocalCalendar implements CalendarSource {
  readonly #store: RoomStore;
  readonly #clock: Clock;

  constructor(store: RoomStore, clock: Clock) {
    this.#store = store;
    this.#clock = clock;
  }

  listRooms(): Room[] {
    return this.#store.listRooms();
  }

  getRoom(roomId: string): Room | undefined {
    return this.#store.getRoom(roomId);
  }

  meetingsBetween(roomId: string, from: number, to: number): Meeting[] {
    return this.#store.meetingsBetween(roomId, from, to);
  }

  applyChange(roomId: string, change: MeetingChange): void {
    switch (change.kind) {
      case 'none':
        return;
      case 'create':
        this.#store.saveMeeting(change.meeting);
        break;
      case 'delete':
      case 'release':
        this.#store.deleteMeeting(change.meetingId);
        break;
      case 'update': {
        const meeting = this.#store.getMeeting(change.meetingId);
        if (!meeting || meeting.allDay) throw new Error(`No timed meeting ${change.meetingId} to update`);
        this.#store.saveMeeting(updatedMeeting(meeting, change));
        break;
      }
    }
    this.#store.touchRoom(roomId, this.#clock.now());
  }

  /** Removes the series' occurrences that have not started yet: the ones already held, or released, are history. */
  releaseSeries(roomId: string, occurrence: SeriesOccurrence): SeriesRelease {
    const room = this.#store.getRoom(roomId);
    if (!room) return { outcome: 'removed', occurrences: 0 };
    const now = this.#clock.now();
    const future = this.#store
      .meetingsBetween(roomId, now, Number.MAX_SAFE_INTEGER)
      .filter((meeting) => meeting.seriesId === occurrence.seriesId && meetingSpan(meeting, room.timeZone).start > now);
    for (const meeting of future) this.#store.deleteMeeting(meeting.id);
    if (future.length > 0) this.#store.touchRoom(roomId, now);
    return { outcome: 'removed', occurrences: future.length };
  }

  updatedAt(roomId: string): number | undefined {
    return this.#store.roomUpdatedAt(roomId);
  }

  syncedAt(): null {
    return null;
  }

  /** Nothing changes it but the bridge itself. */
  onRemoteChange(): () => void {
    return () => {};
  }
}
