import type { Clock } from '../../../../shared/clock.ts';
import type { Meeting, Room } from '../../../../shared/model.ts';
import type { RemoteCalendarConfig } from '../../../../shared/remote-calendar-config.ts';
import type { SeriesRelease } from '../../../../shared/series-release.ts';
import type { MeetingChange } from '../../../../shared/walk-up-rules.ts';
import type { CalendarSource, SeriesOccurrence } from '../calendar-source.ts';
import type { LocalCalendar } from '../local/local-calendar.ts';
import { onCalendar, type CalendarOf, type CalendarSettings, type RoomOnCalendar } from './calendar-settings.ts';
import type { RemoteStore } from './remote-store.ts';
import { seriesDeclineComment, seriesOutboxKey } from './series-decline.ts';

export type RoomWithCalendar = Room & { calendar: RemoteCalendarConfig };

/** Whether the bridge writes the room's walk-up changes to its calendar: an ICS feed is read-only, its local walk-ups stay here. */
export function writesWalkUps(calendar: CalendarSettings): boolean {
  return calendar.type !== 'ics';
}

/**
 * Rooms whose calendar is remote (Microsoft 365, Google Workspace, a CalDAV
 * server, an ICS feed: the rooms `calendarOf` finds one for), beside the
 * rooms of `inner`, which serves the rest. The bridge's store holds each
 * room's copy, kept current by the sync, so displays are answered at once
 * and a room keeps working while its server is unreachable; a walk-up change
 * is applied to the copy and queued for the server in the same transaction,
 * so it is written even after a crash.
 */
export class RemoteCalendars implements CalendarSource {
  readonly #inner: CalendarSource;
  readonly #local: LocalCalendar;
  readonly #remote: RemoteStore;
  readonly #clock: Clock;
  readonly #calendarOf: CalendarOf;
  readonly #declinesSeries: boolean;
  readonly #queued: () => void;
  readonly #listeners = new Set<(roomId: string) => void>();

  /**
   * `queued` is told after a change was queued; it runs after the caller's
   * transaction commits. `declinesSeries`: the room may give up a series
   * someone else organizes (its calendar has `declineSeries`).
   */
  constructor(deps: { inner: CalendarSource; local: LocalCalendar; remote: RemoteStore; clock: Clock; calendarOf: CalendarOf; declinesSeries: boolean; queued: () => void }) {
    this.#inner = deps.inner;
    this.#local = deps.local;
    this.#remote = deps.remote;
    this.#clock = deps.clock;
    this.#calendarOf = deps.calendarOf;
    this.#declinesSeries = deps.declinesSeries;
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
    const now = this.#clock.now();
    if (change.kind === 'create') this.#remote.saveLink({ meetingId, roomId, key: null, ref: null, createdFor: meetingId }, now);
    this.#remote.outbox.enqueue(roomId, meetingId, change, now);
    queueMicrotask(this.#queued);
  }

  /**
   * The room declines a series someone else organized, where its calendar
   * lets an attendee do so (Microsoft 365), queued like a walk-up change; its
   * occurrences leave the room's copy when a sync finds them gone. A series
   * the room organizes, or on a calendar where the bridge writes the room's
   * own copy, is kept: removing it would end it for everyone.
   */
  releaseSeries(roomId: string, occurrence: SeriesOccurrence, noShows: number): SeriesRelease {
    const room = this.#remoteRoom(roomId);
    if (!room) return this.#inner.releaseSeries(roomId, occurrence, noShows);
    if (!this.#declinesSeries || occurrence.organizedElsewhere !== true) return { outcome: 'not-supported', reason: 'room-organizes-series' };
    const comment = seriesDeclineComment(room.settings.language, room.name, noShows);
    this.#remote.outbox.enqueue(roomId, seriesOutboxKey(occurrence.seriesId), { kind: 'decline-series', seriesId: occurrence.seriesId, comment }, this.#clock.now());
    queueMicrotask(this.#queued);
    return { outcome: 'declined' };
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

  #remoteRoom(roomId: string): RoomOnCalendar | undefined {
    return onCalendar(this.getRoom(roomId), this.#calendarOf);
  }
}
