import { createHash } from 'node:crypto';
import type { Clock } from '../../../../shared/clock.ts';
import type { IntegrationWarningCode } from '../../../../shared/integration-warnings.ts';
import { Meeting } from '../../../../shared/model.ts';
import type { Logger } from '../../logger.ts';
import type { RoomStore } from '../../store/room-store.ts';
import type { RoomWithCalendar } from './remote-calendars.ts';
import { forgetFormerCalendar } from './calendar-change.ts';
import { settingsOf, type RemoteConnections } from './remote-connections.ts';
import type { ProviderFailure, RemoteOccurrence, SyncResult, SyncWindow } from './remote-provider.ts';
import type { RemoteStore } from './remote-store.ts';
import { syncWindow } from './sync-window.ts';
import type { WarningBoard } from './warning-board.ts';
import type { BookingRollback } from './booking-rollback.ts';

/** What a room's calendar may be warned about (every provider's failure warnings); a completed round clears them all. */
export const ROOM_CALENDAR_WARNINGS: readonly IntegrationWarningCode[] = [
  'calendar-unreachable',
  'calendar-login-failed',
  'calendar-forbidden',
  'calendar-not-found',
  'calendar-certificate-untrusted',
  'calendar-not-configured',
  'calendar-throttled',
  'google-credential-invalid',
  'google-clock-skew',
  'google-delegation-missing',
];

export interface RemoteRoomSyncDeps {
  remote: RemoteStore;
  store: RoomStore;
  connections: RemoteConnections;
  clock: Clock;
  logger: Logger;
  warnings: WarningBoard;
  rollback: BookingRollback;
}

/**
 * One room's copy of its remote calendar, kept in step by its provider.
 *
 * The window is the room's yesterday to a week ahead and starts over (a
 * snapshot) when the room's day changes, when the room is pointed at another
 * calendar, or when the server no longer takes the cursor (at once, in the
 * same round). A meeting with walk-up changes not yet written keeps its
 * local version until they are, so a display never flickers back to the old
 * one, unless it was deleted elsewhere (a removal wins); a walk-up booking is recognised by the key it was created under, so
 * one written just before a crash is never shown twice.
 */
export class RemoteRoomSync {
  readonly #deps: RemoteRoomSyncDeps;

  constructor(deps: RemoteRoomSyncDeps) {
    this.#deps = deps;
  }

  /** One round for the room; false when its calendar could not be read (the room keeps its copy). */
  async sync(room: RoomWithCalendar): Promise<boolean> {
    const { remote, connections, clock, logger, warnings } = this.#deps;
    const connection = await connections.for(room);
    if (!connection) {
      warnings.raise('calendar-not-configured', `The room's ${room.calendar.type} calendar cannot be read: that kind of calendar is not configured in this bridge.`, room.id);
      return false;
    }
    const settings = settingsOf(room);
    const window = syncWindow(clock.now(), room.timeZone);
    const state = remote.syncState(room.id);
    if (state && state.calendar !== settings) this.#startOver(room.id);
    const sameDays = state?.calendar === settings && state.windowStart === window.start;
    let answer = await connection.sync(sameDays ? state.cursor : null, window);
    if (!answer.ok && answer.failure === 'cursor-expired') {
      logger.info({ roomId: room.id, detail: answer.message }, 'the calendar no longer takes the sync cursor: full resync');
      answer = await connection.sync(null, window);
    }
    if (!answer.ok) {
      this.#noteFailure(room, answer);
      return false;
    }
    for (const code of ROOM_CALENDAR_WARNINGS) warnings.clear(code, room.id);
    this.#apply(room, answer.value, window, settings);
    return true;
  }

  /** The room forgets the calendar it followed, all but its walk-up bookings not yet written (calendar-change.ts). */
  #startOver(roomId: string): void {
    const { remote, store, clock } = this.#deps;
    forgetFormerCalendar(roomId, { store, remote, now: clock.now() });
  }

  #apply(room: RoomWithCalendar, result: SyncResult, window: SyncWindow, settings: string): void {
    const { remote, store, clock } = this.#deps;
    const now = clock.now();
    store.transaction(() => {
      let changed = false;
      let deferred = false;
      if (result.kind !== 'unchanged') {
        const upserts = result.kind === 'snapshot' ? result.occurrences : result.changed;
        const seen = new Set<string>();
        for (const occurrence of upserts) {
          seen.add(occurrence.key);
          const outcome = this.#upsert(room, occurrence);
          changed = outcome === 'changed' || changed;
          deferred = outcome === 'deferred' || deferred;
        }
        const removed = result.kind === 'snapshot' ? remote.linksOfRoom(room.id).filter((link) => !seen.has(link.key!)) : result.removedKeys.flatMap((key) => remote.linkByKey(room.id, key) ?? []);
        // A removal wins: a change still waiting for a meeting deleted elsewhere is moot.
        for (const link of removed) {
          store.deleteMeeting(link.meetingId);
          remote.deleteLink(link.meetingId);
          remote.dropChangesOf(link.meetingId);
          changed = true;
        }
      }
      // A version passed over for a change still waiting is read again by the next round, from no cursor: a delta would not repeat it.
      remote.saveSyncState(room.id, { calendar: settings, cursor: deferred ? null : result.cursor, windowStart: window.start, syncedAt: now });
      // updatedAt is when the schedule last changed; a round that changed nothing only confirms it (syncedAt).
      if (changed) store.touchRoom(room.id, now);
    });
  }

  /** Stores one meeting as its calendar has it: whether the room's schedule changed, or the version waits behind a walk-up change. */
  #upsert(room: RoomWithCalendar, occurrence: RemoteOccurrence): 'changed' | 'same' | 'deferred' {
    const { remote, store, logger } = this.#deps;
    const link = remote.linkByKey(room.id, occurrence.key) ?? (occurrence.createdFor ? remote.linkCreatedFor(room.id, occurrence.createdFor) : undefined);
    const meetingId = link?.meetingId ?? localIdOf(room.id, occurrence.key);
    const createdFor = link?.createdFor ?? null;
    if (occurrence.declined) return this.#declined(room, meetingId, occurrence, createdFor);
    remote.saveLink({ meetingId, roomId: room.id, key: occurrence.key, ref: occurrence.ref, createdFor });
    if (remote.hasPendingChanges(meetingId)) return 'deferred';
    const existing = store.getMeeting(meetingId);
    const parsed = Meeting.safeParse({
      id: meetingId,
      roomId: room.id,
      subject: occurrence.subject.slice(0, 255),
      organizer: occurrence.organizer?.slice(0, 255) ?? null,
      isPrivate: occurrence.isPrivate,
      checkedInAt: existing?.checkedInAt ?? null,
      origin: createdFor ? 'walk-up' : 'calendar',
      allDay: occurrence.allDay,
      start: occurrence.start,
      end: occurrence.end,
      ...(occurrence.seriesId ? { seriesId: occurrence.seriesId.slice(0, 1024) } : {}),
      ...(occurrence.organizedElsewhere ? { organizedElsewhere: true } : {}),
    });
    if (!parsed.success) {
      logger.warn({ roomId: room.id, key: occurrence.key }, 'the calendar has a meeting Lintel cannot show; it was skipped');
      return 'same';
    }
    if (JSON.stringify(existing) === JSON.stringify(parsed.data)) return 'same';
    store.saveMeeting(parsed.data);
    return 'changed';
  }

  /**
   * The room declined a meeting: it does not hold the room. A walk-up booking
   * it declined is taken back with a notice (the display says why it went),
   * and its event is cancelled where it was made; anyone else's leaves the
   * room's schedule.
   */
  #declined(room: RoomWithCalendar, meetingId: string, occurrence: RemoteOccurrence, createdFor: string | null): 'changed' | 'same' {
    const { remote, store, rollback } = this.#deps;
    // Gone from the room already: not shown, or taken back and its cancel on its way.
    if (!store.getMeeting(meetingId) && (!createdFor || remote.hasPendingChanges(meetingId))) return 'same';
    if (!createdFor) {
      store.deleteMeeting(meetingId);
      remote.deleteLink(meetingId);
      return 'changed';
    }
    rollback.undo(room.id, meetingId, 'booking-declined', `${occurrence.key} was declined by the room`);
    remote.saveLink({ meetingId, roomId: room.id, key: occurrence.key, ref: occurrence.ref, createdFor });
    remote.outbox.enqueue(room.id, meetingId, { kind: 'delete', meetingId }, this.#deps.clock.now());
    return 'changed';
  }

  #noteFailure(room: RoomWithCalendar, failure: ProviderFailure): void {
    const { warnings, logger, connections } = this.#deps;
    if (failure.warning) warnings.raise(failure.warning.code, failure.warning.message, room.id);
    // Read again at the next round: the admin's fix is a new password in its file, taken without a restart.
    if (failure.warning?.code === 'calendar-login-failed') connections.forget(room.id);
    logger.warn({ roomId: room.id, failure: failure.failure, detail: failure.message }, 'room calendar sync failed; the room keeps its local copy');
  }
}

/** A meeting's id in the bridge, from its key in the room's calendar: stable, and short whatever the key. */
function localIdOf(roomId: string, key: string): string {
  return `cal-${createHash('sha256').update(`${roomId}\u0000${key}`).digest('hex').slice(0, 40)}`;
}
