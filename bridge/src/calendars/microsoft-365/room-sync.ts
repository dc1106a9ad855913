import { MINUTE_MS, toIso, type Clock } from '../../../../shared/clock.ts';
import type { Microsoft365Link, Room } from '../../../../shared/model.ts';
import type { Logger } from '../../logger.ts';
import type { RoomStore } from '../../store/room-store.ts';
import { refusesDeltaToken } from './delta-token-refusal.ts';
import type { GraphAnswer, GraphGateway } from './graph-gateway.ts';
import { CollectionPage, GraphEvent, RemovedEntry, isNewer, localIdOf, meetingOf, organizerOf, roomResponseOf } from './graph-event.ts';
import type { M365Store } from './m365-store.ts';
import type { BookingRollback } from '../remote/booking-rollback.ts';
import { clearRoomRefusals, showRoomRefusal, type Permissions } from './graph-refusal.ts';
import { ResyncFailures } from './resync-failures.ts';
import { syncWindow } from '../remote/sync-window.ts';
import type { WarningBoard } from '../remote/warning-board.ts';

/** Delta pages of at most this many events; Graph's default is 10. */
const PAGE_SIZE = 50;
/**
 * Times in UTC, converted to the room's zone here: Graph takes only the zone
 * names it documents, and most IANA names (Europe/Amsterdam) are not among them.
 */
// Graph: api-reference/v1.0/resources/datetimetimezone.md; UTC is the default (api-reference/v1.0/api/event-delta.md).
const PREFER = `outlook.timezone="UTC", IdType="ImmutableId", odata.maxpagesize=${PAGE_SIZE}`;
/** A runaway chain of links is cut here rather than followed for ever. */
const MAX_PAGES = 200;
/** A room that has not answered a booking this long is not processing requests. */
const NO_ANSWER_WARNING_MS = 5 * MINUTE_MS;

export type RoomWithLink = Room & { microsoft365: Microsoft365Link };

export interface RoomSyncDeps {
  graph: GraphGateway;
  m365: M365Store;
  store: RoomStore;
  clock: Clock;
  logger: Logger;
  warnings: WarningBoard;
  rollback: BookingRollback;
  /** What a refused mailbox means: outside the application's scope, or not shared with the account. */
  permissions: Permissions;
}

/**
 * One room's calendar, kept in step with Exchange by calendarView delta.
 *
 * The window runs from the start of yesterday to the end of the seventh day
 * ahead, in the room's zone, and starts over (a full resync) when the room's
 * day changes or Graph refuses its delta or skip token: at once, in the same
 * round, and in every round after until one completes, the room keeping its
 * meetings meanwhile. Graph may repeat a change or send changes out of order,
 * so a round keeps the newest version of each event by lastModifiedDateTime,
 * and a removal wins: a deleted event never comes back with the same id.
 * A meeting with walk-up changes not yet written to Exchange keeps its local
 * version until they are, so a display never flickers back to the old one.
 */
export class RoomSync {
  readonly #deps: RoomSyncDeps;
  readonly #resyncs: ResyncFailures;

  constructor(deps: RoomSyncDeps) {
    this.#deps = deps;
    this.#resyncs = new ResyncFailures(deps.warnings);
  }

  /** One round for the room; false when Exchange could not be read (the room keeps its local copy). */
  async sync(room: RoomWithLink): Promise<boolean> {
    const synced = await this.#round(room);
    if (synced) this.#resyncs.synced(room.id);
    // A sync state without a deltaLink: Exchange refused the room's token, and no full round has completed since.
    else if (this.#deps.m365.syncState(room.id)?.deltaLink === null) this.#resyncs.failed(room.id, room.microsoft365.mailbox);
    return synced;
  }

  async #round(room: RoomWithLink): Promise<boolean> {
    const { m365, clock } = this.#deps;
    const window = syncWindow(clock.now(), room.timeZone);
    const state = m365.syncState(room.id);
    // A 410's Location is this same initial query (Graph: concepts/delta-query-overview.md, "Synchronization reset"):
    // the bridge starts over from its own, whose window and headers it knows, rather than follow a header.
    const start = initialUrl(room.microsoft365.mailbox, window);
    let full = !state?.deltaLink || state.windowStart !== window.start;
    let url = full ? start : state!.deltaLink!;
    let restarted = false;
    let entries: unknown[] = [];
    let deltaLink: string | undefined;
    for (let page = 0; page < MAX_PAGES && deltaLink === undefined; page++) {
      const answer = await this.#deps.graph.send({ method: 'GET', path: url, roomId: room.id, headers: { Prefer: PREFER } });
      if (!answer.ok) {
        // A refused token (a deltaLink's, or a nextLink's mid-round) never works again: start over without one, once a round.
        if (url !== start && !restarted && refusesDeltaToken(answer)) {
          this.#deps.logger.info({ roomId: room.id, status: answer.status, code: answer.code }, 'Exchange refused the delta token: full resync');
          // Forgotten at once, so a round that cannot finish the resync leaves the next one to start over, not to send it again.
          m365.saveSyncState(room.id, { deltaLink: null, windowStart: window.start, windowEnd: window.end, syncedAt: state?.syncedAt ?? null });
          full = true;
          restarted = true;
          url = start;
          entries = [];
          continue;
        }
        this.#noteFailure(room, answer);
        return false;
      }
      const parsed = CollectionPage.safeParse(answer.body);
      if (!parsed.success) {
        this.#deps.logger.warn({ roomId: room.id }, 'Graph sent a delta page that is not one; the round is dropped');
        return false;
      }
      entries.push(...parsed.data.value);
      if (parsed.data['@odata.nextLink']) url = parsed.data['@odata.nextLink'];
      else deltaLink = parsed.data['@odata.deltaLink'];
    }
    if (deltaLink === undefined) return false;
    clearRoomRefusals(this.#deps.warnings, room.id);
    this.#apply(room, entries, full, window, deltaLink);
    await this.#checkAnswers(room);
    return true;
  }

  #apply(room: RoomWithLink, entries: unknown[], full: boolean, window: { start: number; end: number }, deltaLink: string): void {
    const { m365, store, clock, logger, warnings } = this.#deps;
    const latest = newestPerEvent(entries, (skipped) => logger.warn({ roomId: room.id, skipped }, 'Graph sent events Lintel cannot read; they were skipped'));
    const now = clock.now();
    let subjectsReplaced: boolean | undefined;
    store.transaction(() => {
      let changed = false;
      const forget = (meetingId: string) => {
        this.#forget(meetingId);
        changed = true;
      };
      const seen = new Set<string>();
      for (const [remoteId, event] of latest) {
        const link = m365.linkByRemoteId(remoteId);
        if (event === 'removed') {
          if (link) forget(link.meetingId);
          continue;
        }
        seen.add(remoteId);
        const own = link ?? (event.iCalUId ? m365.ownBookingByUid(room.id, event.iCalUId) : undefined);
        const meetingId = own?.meetingId ?? localIdOf(remoteId);
        if (m365.hasPendingChanges(meetingId)) continue;
        const existing = store.getMeeting(meetingId);
        const isOwn = Boolean(own?.organizerEventId);
        const meeting = meetingOf(event, { id: meetingId, roomId: room.id, origin: isOwn ? 'walk-up' : 'calendar', checkedInAt: existing?.checkedInAt ?? null });
        if (!meeting) {
          if (existing) forget(meetingId);
          continue;
        }
        if (isOwn && existing) {
          // Exchange may replace the subject with the organizer's name; the room's own booking keeps its words.
          const replaced = event.subject !== existing.subject && event.subject === organizerOf(event);
          subjectsReplaced = replaced || (subjectsReplaced ?? false);
          meeting.subject = existing.subject;
        }
        if (JSON.stringify(existing) !== JSON.stringify(meeting)) {
          store.saveMeeting(meeting);
          changed = true;
        }
        m365.saveLink(
          {
            meetingId,
            roomId: room.id,
            remoteId,
            iCalUId: event.iCalUId ?? null,
            organizerMailbox: own?.organizerMailbox ?? null,
            organizerEventId: own?.organizerEventId ?? null,
            roomResponse: isOwn ? 'accepted' : null,
          },
          now,
        );
      }
      if (full) {
        for (const link of m365.linksOfRoom(room.id)) {
          if (!seen.has(link.remoteId!) && !m365.hasPendingChanges(link.meetingId)) forget(link.meetingId);
        }
      }
      m365.saveSyncState(room.id, { deltaLink, windowStart: window.start, windowEnd: window.end, syncedAt: now });
      // updatedAt is when the schedule last changed; a round that changed nothing only confirms it (syncedAt).
      if (changed) store.touchRoom(room.id, now);
    });
    if (subjectsReplaced === true) warnings.raise('subjects-replaced', `The calendar of ${room.microsoft365.mailbox} replaces meeting subjects with the organizer's name.`, room.id);
    if (subjectsReplaced === false) warnings.clear('subjects-replaced', room.id);
  }

  /** Own bookings the room has not answered: ask the organizer's copy how the room answered. */
  async #checkAnswers(room: RoomWithLink): Promise<void> {
    const { m365, graph, clock, warnings } = this.#deps;
    let silent = false;
    for (const link of m365.pendingResponses(room.id)) {
      const answer = await graph.send({ method: 'GET', path: `/users/${encodeURIComponent(link.organizerMailbox!)}/events/${encodeURIComponent(link.organizerEventId!)}`, roomId: room.id });
      if (!answer.ok) {
        if (answer.status === 404) this.#deps.rollback.undo(room.id, link.meetingId, 'booking-declined');
        continue;
      }
      const event = GraphEvent.safeParse(answer.body);
      const response = event.success ? roomResponseOf(event.data, room.microsoft365.mailbox) : null;
      if (response === 'declined') {
        this.#deps.rollback.undo(room.id, link.meetingId, 'booking-declined');
        await graph.send({ method: 'DELETE', path: `/users/${encodeURIComponent(link.organizerMailbox!)}/events/${encodeURIComponent(link.organizerEventId!)}`, roomId: room.id });
      } else if (response === 'accepted' || response === 'tentativelyAccepted') {
        // A tentative answer holds the slot while the room's delegate decides (Graph: resources/responsestatus.md).
        m365.saveLink({ ...link, roomResponse: 'accepted' }, clock.now());
      } else if (clock.now() - (m365.linkCreatedAt(link.meetingId) ?? clock.now()) > NO_ANSWER_WARNING_MS) {
        silent = true;
      }
    }
    if (silent) warnings.raise('room-not-auto-accepting', `${room.microsoft365.mailbox} has not answered a booking for more than 5 minutes.`, room.id);
    else warnings.clear('room-not-auto-accepting', room.id);
  }

  #forget(meetingId: string): void {
    this.#deps.store.deleteMeeting(meetingId);
    this.#deps.m365.deleteLink(meetingId);
    this.#deps.m365.dropChangesOf(meetingId);
  }

  #noteFailure(room: RoomWithLink, answer: Extract<GraphAnswer, { ok: false }>): void {
    showRoomRefusal(this.#deps.warnings, room.id, room.microsoft365.mailbox, answer, this.#deps.permissions);
    this.#deps.logger.warn({ roomId: room.id, status: answer.status, code: answer.code }, 'room calendar sync failed; the room keeps its local copy');
  }
}

function initialUrl(mailbox: string, window: { start: number; end: number }): string {
  const query = new URLSearchParams({ startDateTime: toIso(window.start), endDateTime: toIso(window.end) });
  return `/users/${encodeURIComponent(mailbox)}/calendarView/delta?${query.toString()}`;
}

function newestPerEvent(entries: unknown[], reportSkipped: (count: number) => void): Map<string, GraphEvent | 'removed'> {
  const latest = new Map<string, GraphEvent | 'removed'>();
  let skipped = 0;
  for (const raw of entries) {
    const removed = RemovedEntry.safeParse(raw);
    if (removed.success) {
      latest.set(removed.data.id, 'removed');
      continue;
    }
    const event = GraphEvent.safeParse(raw);
    if (!event.success) {
      skipped++;
      continue;
    }
    const current = latest.get(event.data.id);
    if (current === 'removed') continue;
    if (!current || isNewer(event.data, current)) latest.set(event.data.id, event.data);
  }
  if (skipped > 0) reportSkipped(skipped);
  return latest;
}
