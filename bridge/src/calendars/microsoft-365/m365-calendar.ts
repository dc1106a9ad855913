import type { Clock } from '../../../../shared/clock.ts';
import type { Meeting, Room } from '../../../../shared/model.ts';
import type { SeriesRelease } from '../../../../shared/series-release.ts';
import type { MeetingChange } from '../../../../shared/walk-up-rules.ts';
import type { CalendarSource, SeriesOccurrence } from '../calendar-source.ts';
import type { LocalCalendar } from '../local/local-calendar.ts';
import type { M365Store } from './m365-store.ts';
import { seriesDeclineComment, seriesOutboxKey } from './series-decline.ts';

/**
 * Rooms whose calendar is in Exchange. The bridge's store holds each linked
 * room's copy of its calendar, kept current by delta sync, so displays are
 * answered at once and a room keeps working while Microsoft 365 is
 * unreachable. A walk-up change is applied to the copy and queued for
 * Exchange in the same transaction, so it is sent even after a crash; rooms
 * without a link behave exactly as the local calendar.
 */
export class Microsoft365Calendar implements CalendarSource {
  readonly #local: LocalCalendar;
  readonly #m365: M365Store;
  readonly #clock: Clock;
  readonly #listeners = new Set<(roomId: string) => void>();
  readonly #queued: () => void;

  /** `queued` is told after a change was queued; it runs after the caller's transaction commits. */
  constructor(deps: { local: LocalCalendar; m365: M365Store; clock: Clock; queued: () => void }) {
    this.#local = deps.local;
    this.#m365 = deps.m365;
    this.#clock = deps.clock;
    this.#queued = deps.queued;
  }

  listRooms(): Room[] {
    return this.#local.listRooms();
  }

  getRoom(roomId: string): Room | undefined {
    return this.#local.getRoom(roomId);
  }

  meetingsBetween(roomId: string, from: number, to: number): Meeting[] {
    return this.#local.meetingsBetween(roomId, from, to);
  }

  applyChange(roomId: string, change: MeetingChange): void {
    this.#local.applyChange(roomId, change);
    if (change.kind === 'none' || !this.getRoom(roomId)?.microsoft365) return;
    // A check-in is the room's own business: Exchange has no notion of it.
    if (change.kind === 'update' && change.end === undefined) return;
    const now = this.#clock.now();
    const meetingId = change.kind === 'create' ? change.meeting.id : change.meetingId;
    if (change.kind === 'create') {
      this.#m365.saveLink(
        { meetingId, roomId, remoteId: null, iCalUId: null, organizerMailbox: null, organizerEventId: null, roomResponse: 'pending' },
        now,
      );
    }
    this.#m365.enqueue(roomId, meetingId, change, now);
    queueMicrotask(this.#queued);
  }

  /**
   * The room declines a series someone else organized, queued like a
   * walk-up change; its occurrences leave the room's copy when a sync finds
   * them gone from Exchange. A series the room's own mailbox organizes
   * cannot be declined by it, and cancelling would end it for everyone.
   */
  releaseSeries(roomId: string, occurrence: SeriesOccurrence, noShows: number): SeriesRelease {
    const room = this.getRoom(roomId);
    if (!room?.microsoft365) return this.#local.releaseSeries(roomId, occurrence);
    if (occurrence.organizedElsewhere !== true) return { outcome: 'not-supported', reason: 'room-organizes-series' };
    const comment = seriesDeclineComment(room.settings.language, room.name, noShows);
    this.#m365.enqueue(roomId, seriesOutboxKey(occurrence.seriesId), { kind: 'decline-series', seriesId: occurrence.seriesId, comment }, this.#clock.now());
    queueMicrotask(this.#queued);
    return { outcome: 'declined' };
  }

  updatedAt(roomId: string): number | undefined {
    return this.#local.updatedAt(roomId);
  }

  /** When Exchange last confirmed the room's copy; until the first sync, when the room was linked. */
  syncedAt(roomId: string): number | null {
    if (!this.getRoom(roomId)?.microsoft365) return null;
    return this.#m365.syncState(roomId)?.syncedAt ?? this.updatedAt(roomId) ?? 0;
  }

  onRemoteChange(listener: (roomId: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Called by the sync after it stored what Exchange said about the room. */
  announce(roomId: string): void {
    for (const listener of this.#listeners) listener(roomId);
  }
}
