import type { Clock } from '../../../../shared/clock.ts';
import type { Meeting, Room } from '../../../../shared/model.ts';
import type { RemoteCalendarConfig } from '../../../../shared/remote-calendar-config.ts';
import type { SeriesRelease } from '../../../../shared/series-release.ts';
import type { MeetingChange } from '../../../../shared/walk-up-rules.ts';
import type { CalendarSource, SeriesOccurrence } from '../calendar-source.ts';
import type { LocalCalendar } from '../local/local-calendar.ts';
import type { RemoteStore } from './remote-store.ts';

export type RoomWithCalendar = Room & { calendar: RemoteCalendarConfig };

/** Whether the bridge writes the room's walk-up changes to its calendar: an ICS feed is read-only, its local walk-ups stay here. */
export function writesWalkUps(calendar: RemoteCalendarConfig): boolean {
  return calendar.type !== 'ics';
}

/**
 * Rooms whose calendar is on Google Workspace, a CalDAV server or an ICS
 * feed, beside the rooms of `inner` (the local calendar, or Microsoft 365's
 * source, which serves the rest). As for Microsoft 365, the bridge's store
 * holds each room's copy, kept current by the sync, so displays are answered
 * at once and a room keeps working while its server is unreachable; a
 * walk-up change is applied to the copy and queued for the server in the
 * same transaction, so it is written even after a crash.
 */
export class RemoteCalendars implements CalendarSource {
  readonly #inner: CalendarSource;
  readonly #local: LocalCalendar;
  readonly #remote: RemoteStore;
  readonly #clock: Clock;
  readonly #queued: () => void;
  readonly #listeners = new Set<(roomId: string) => void>();

  /** `queued` is told after a change was queued; it runs after the caller's transaction commits. */
  constructor(deps: { inner: CalendarSource; local: LocalCalendar; remote: RemoteStore; clock: Clock; queued: () => void }) {
    this.#inner = deps.inner;
    this.#local = deps.local;
    this.#remote = deps.remote;
    this.#clock = deps.clock;
    this.#queued = deps.queued;
  }

  listRooms(): Room[] {
    return this.#inner.listRooms();
  }

  getRoom(roomId: string): Room | undefined {
    return this.#inner.getRoom(roomId);
  }

  meetingsBetween(roomId: string, from: number, to: number): Meeting[] {
    return this.#inner.meetingsBetween(roomId, from, to);
  }

  applyChange(roomId: string, change: MeetingChange): void {
    const room = this.#remoteRoom(roomId);
    if (!room) return this.#inner.applyChange(roomId, change);
    this.#local.applyChange(roomId, change);
    if (change.kind === 'none' || !writesWalkUps(room.calendar)) return;
    // A check-in is the room's own business: no calendar has a notion of it.
    if (change.kind === 'update' && change.end === undefined) return;
    const meetingId = change.kind === 'create' ? change.meeting.id : change.meetingId;
    // The booking's key at its calendar is its own id: a retry, or a sync after a crash, finds the event it made.
    if (change.kind === 'create') this.#remote.saveLink({ meetingId, roomId, key: null, ref: null, createdFor: meetingId });
    this.#remote.outbox.enqueue(roomId, meetingId, change, this.#clock.now());
    queueMicrotask(this.#queued);
  }

  /**
   * A series keeps the room in these calendars: the bridge writes the room's
   * own calendar, where removing a series would end it for everyone, as an
   * organizer's cancel does in Microsoft 365.
   */
  releaseSeries(roomId: string, occurrence: SeriesOccurrence, noShows: number): SeriesRelease {
    const room = this.#remoteRoom(roomId);
    if (!room) return this.#inner.releaseSeries(roomId, occurrence, noShows);
    return { outcome: 'not-supported', reason: 'room-organizes-series' };
  }

  updatedAt(roomId: string): number | undefined {
    return this.#inner.updatedAt(roomId);
  }

  /** When the room's calendar last confirmed its copy; until the first round, when the room got its calendar. */
  syncedAt(roomId: string): number | null {
    if (!this.#remoteRoom(roomId)) return this.#inner.syncedAt(roomId);
    return this.#remote.syncState(roomId)?.syncedAt ?? this.updatedAt(roomId) ?? 0;
  }

  onRemoteChange(listener: (roomId: string) => void): () => void {
    this.#listeners.add(listener);
    const stopInner = this.#inner.onRemoteChange(listener);
    return () => {
      this.#listeners.delete(listener);
      stopInner();
    };
  }

  /** Called by the sync after it stored what the room's calendar said. */
  announce(roomId: string): void {
    for (const listener of this.#listeners) listener(roomId);
  }

  #remoteRoom(roomId: string): RoomWithCalendar | undefined {
    const room = this.getRoom(roomId);
    return room?.calendar ? (room as RoomWithCalendar) : undefined;
  }
}
