import { createHash } from 'node:crypto';
import type { Clock } from '../../../../shared/clock.ts';
import type { IntegrationWarningCode } from '../../../../shared/integration-warnings.ts';
import { Meeting } from '../../../../shared/model.ts';
import type { Logger } from '../../logger.ts';
import type { RoomStore } from '../../store/room-store.ts';
import type { RoomOnCalendar } from './calendar-settings.ts';
import { forgetFormerCalendar } from './calendar-change.ts';
import { calendarName } from './calendar-description.ts';
import { settingsOf, type RemoteConnections } from './remote-connections.ts';
import type { ProviderFailure, RemoteCalendar, RemoteOccurrence, SyncResult, SyncWindow } from './remote-provider.ts';
import type { RemoteLink, RemoteStore } from './remote-store.ts';
import { ResyncFailures } from './resync-failures.ts';
import { checkRoomAnswers } from './room-answers.ts';
import { syncWindow } from './sync-window.ts';
import type { WarningBoard } from './warning-board.ts';
import type { BookingRollback } from './booking-rollback.ts';

/**
 * What a room's calendar may be warned about (every provider's failure
 * warnings); a completed round clears them all, and a failure's warning
 * replaces whatever an earlier failure said.
 */
export const ROOM_CALENDAR_WARNINGS: readonly IntegrationWarningCode[] = [
  'room-calendar-unreachable',
  'room-mailbox-not-enabled',
  'room-access-policy',
  'calendar-not-shared',
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
 * same round, and in every round after until one completes). A meeting with
 * walk-up changes not yet written keeps its local version until they are, so
 * a display never flickers back to the old one, unless it was deleted
 * elsewhere (a removal wins); a walk-up booking is recognised by the key it
 * was created under, or by the id its copies share, so one written just
 * before a crash is never shown twice. A booking the bridge made keeps its
 * subject: a calendar that replaces it with its organizer's name is told to
 * the admin.
 */
export class RemoteRoomSync {
  readonly #deps: RemoteRoomSyncDeps;
  readonly #resyncs: ResyncFailures;

  constructor(deps: RemoteRoomSyncDeps) {
    this.#deps = deps;
    this.#resyncs = new ResyncFailures(deps.warnings);
  }

  /** One round for the room; false when its calendar could not be read (the room keeps its copy). */
  async sync(room: RoomOnCalendar): Promise<boolean> {
    const { connections, warnings } = this.#deps;
    const connection = await connections.for(room);
    if (!connection) {
      warnings.raise('calendar-not-configured', `The room's ${room.calendar.type} calendar cannot be read: that kind of calendar is not configured in this bridge.`, room.id);
      return false;
    }
    const synced = await this.#round(room, connection);
    if (synced) {
      this.#resyncs.synced(room.id);
      await checkRoomAnswers(room, connection, this.#deps);
    } else this.#resyncs.failed(room.id, calendarName(room.calendar));
    return synced;
  }

  async #round(room: RoomOnCalendar, connection: RemoteCalendar): Promise<boolean> {
    const { remote, clock, logger, warnings } = this.#deps;
    const settings = settingsOf(room);
    const window = syncWindow(clock.now(), room.timeZone);
    const state = remote.syncState(room.id);
    if (state && state.calendar !== settings) this.#startOver(room.id);
    const sameDays = state?.calendar === settings && state.windowStart === window.start;
    let answer = await connection.sync(sameDays ? state.cursor : null, window);
    if (!answer.ok && answer.failure === 'cursor-expired') {
      logger.info({ roomId: room.id, detail: answer.message }, 'the calendar no longer takes the sync cursor: full resync');
      this.#resyncs.cursorRefused(room.id);
      // Forgotten at once, so a round that cannot finish the resync leaves the next one to start over, not to send the dead cursor again.
      remote.saveSyncState(room.id, { calendar: settings, cursor: null, windowStart: window.start, syncedAt: state?.syncedAt ?? null });
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

  #apply(room: RoomOnCalendar, result: SyncResult, window: SyncWindow, settings: string): void {
    const { remote, store, clock, warnings } = this.#deps;
    const now = clock.now();
    let subjectsReplaced: boolean | undefined;
    store.transaction(() => {
      let changed = false;
      let deferred = false;
      if (result.kind !== 'unchanged') {
        const upserts = result.kind === 'snapshot' ? result.occurrences : result.changed;
        const seen = new Set<string>();
        for (const occurrence of upserts) {
          seen.add(occurrence.key);
          const outcome = this.#upsert(room, occurrence, now);
          changed = outcome.result === 'changed' || changed;
          deferred = outcome.result === 'deferred' || deferred;
          if (outcome.subjectReplaced !== undefined) subjectsReplaced = outcome.subjectReplaced || (subjectsReplaced ?? false);
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
    if (subjectsReplaced === true) warnings.raise('subjects-replaced', `The calendar of ${calendarName(room.calendar)} replaces meeting subjects with the organizer's name.`, room.id);
    if (subjectsReplaced === false) warnings.clear('subjects-replaced', room.id);
  }

  /**
   * Stores one meeting as its calendar has it: whether the room's schedule
   * changed, or the version waits behind a walk-up change; for a booking the
   * bridge made, whether its calendar replaced its subject.
   */
  #upsert(room: RoomOnCalendar, occurrence: RemoteOccurrence, now: number): { result: 'changed' | 'same' | 'deferred'; subjectReplaced?: boolean } {
    const { remote, store, logger } = this.#deps;
    const link = this.#linkOf(room.id, occurrence);
    const meetingId = link?.meetingId ?? localIdOf(room.id, occurrence.key);
    const createdFor = link?.createdFor ?? null;
    if (occurrence.declined) return { result: this.#declined(room, meetingId, occurrence, createdFor, now) };
    // A booking the bridge made keeps the event its create answered (its organizer's, where it was made there): its copy here is the room's answer.
    const ref = createdFor && link?.ref ? link.ref : occurrence.ref;
    remote.saveLink({ meetingId, roomId: room.id, key: occurrence.key, ref, createdFor, sharedId: occurrence.sharedId ?? link?.sharedId ?? null, awaitsAnswer: false }, now);
    if (remote.hasPendingChanges(meetingId)) return { result: 'deferred' };
    const existing = store.getMeeting(meetingId);
    const own = createdFor !== null && existing !== undefined;
    const parsed = Meeting.safeParse({
      id: meetingId,
      roomId: room.id,
      subject: own ? existing.subject : occurrence.subject.slice(0, 255),
      organizer: occurrence.organizer?.slice(0, 255) ?? null,
      isPrivate: occurrence.isPrivate,
      checkedInAt: existing?.checkedInAt ?? null,
      origin: createdFor ? 'walk-up' : 'calendar',
      allDay: occurrence.allDay,
      start: occurrence.start,
      end: occurrence.end,
      ...(occurrence.seriesId ? { seriesId: occurrence.seriesId.slice(0, 1024) } : {}),
      // A booking the bridge made is the room's own, wherever its calendar says it was organized.
      ...(occurrence.organizedElsewhere && !createdFor ? { organizedElsewhere: true } : {}),
    });
    // The calendar may put its organizer's name in place of the subject; the room's own booking keeps its words.
    const subjectReplaced = own ? occurrence.subject !== existing.subject && occurrence.subject === occurrence.organizer : undefined;
    const replaced = subjectReplaced === undefined ? {} : { subjectReplaced };
    if (!parsed.success) {
      logger.warn({ roomId: room.id, key: occurrence.key }, 'the calendar has a meeting Lintel cannot show; it was skipped');
      return { result: 'same', ...replaced };
    }
    if (JSON.stringify(existing) === JSON.stringify(parsed.data)) return { result: 'same', ...replaced };
    store.saveMeeting(parsed.data);
    return { result: 'changed', ...replaced };
  }

  /** The room's meeting an occurrence is: by its key, the walk-up key it was created for, or, for a booking made in its organizer's calendar, the id their copies share. */
  #linkOf(roomId: string, occurrence: RemoteOccurrence): RemoteLink | undefined {
    const { remote } = this.#deps;
    return (
      remote.linkByKey(roomId, occurrence.key) ??
      (occurrence.createdFor ? remote.linkCreatedFor(roomId, occurrence.createdFor) : undefined) ??
      (occurrence.sharedId ? remote.ownLinkBySharedId(roomId, occurrence.sharedId) : undefined)
    );
  }

  /**
   * The room declined a meeting: it does not hold the room. A walk-up booking
   * it declined is taken back with a notice (the display says why it went),
   * and its event is cancelled where it was made; anyone else's leaves the
   * room's schedule.
   */
  #declined(room: RoomOnCalendar, meetingId: string, occurrence: RemoteOccurrence, createdFor: string | null, now: number): 'changed' | 'same' {
    const { remote, store, rollback } = this.#deps;
    // Gone from the room already: not shown, or taken back and its cancel on its way.
    if (!store.getMeeting(meetingId) && (!createdFor || remote.hasPendingChanges(meetingId))) return 'same';
    if (!createdFor) {
      store.deleteMeeting(meetingId);
      remote.deleteLink(meetingId);
      return 'changed';
    }
    rollback.undo(room.id, meetingId, 'booking-declined', `${occurrence.key} was declined by the room`);
    remote.saveLink({ meetingId, roomId: room.id, key: occurrence.key, ref: occurrence.ref, createdFor }, now);
    remote.outbox.enqueue(room.id, meetingId, { kind: 'delete', meetingId }, now);
    return 'changed';
  }

  #noteFailure(room: RoomOnCalendar, failure: ProviderFailure): void {
    const { warnings, logger, connections } = this.#deps;
    if (failure.warning) raiseRoomWarning(warnings, room.id, failure.warning);
    // Read again at the next round: the admin's fix is a new password in its file, taken without a restart.
    if (failure.warning?.code === 'calendar-login-failed') connections.forget(room.id);
    logger.warn({ roomId: room.id, failure: failure.failure, detail: failure.message }, 'room calendar sync failed; the room keeps its local copy');
  }
}

/** A meeting's id in the bridge, from its key in the room's calendar: stable, and short whatever the key. */
function localIdOf(roomId: string, key: string): string {
  return `cal-${createHash('sha256').update(`${roomId}\u0000${key}`).digest('hex').slice(0, 40)}`;
}

/** Shows what a failure says is wrong with the room's calendar, in place of what an earlier failure said. */
export function raiseRoomWarning(warnings: WarningBoard, roomId: string, warning: { code: IntegrationWarningCode; message: string }): void {
  for (const code of ROOM_CALENDAR_WARNINGS) if (code !== warning.code) warnings.clear(code, roomId);
  warnings.raise(warning.code, warning.message, roomId);
}
