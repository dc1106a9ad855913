import type { MeetingChange } from '../../../../shared/walk-up-rules.ts';
import type { SqlDatabase } from '../../store/sql-database.ts';
import { OutboxTable, type OutboxRow } from './outbox-table.ts';
import type { SeriesDecline } from './series-decline.ts';
import type { CachedObject, ObjectCache } from './remote-provider.ts';

/** Where a room's sync stands: which calendar it follows, from which cursor, over which days. */
export interface RemoteSyncState {
  /** The room's calendar settings as JSON: a room pointed at another calendar starts over. */
  calendar: string;
  /** Null until a round completed, and after the provider refused it. */
  cursor: string | null;
  windowStart: number;
  syncedAt: number | null;
}

/**
 * How a local meeting is known in its remote calendar. A walk-up booking not
 * yet written has no key; `createdFor` is the key it was created under,
 * which the provider reports back so a booking written before a crash is
 * recognised rather than shown twice.
 */
export interface RemoteLink {
  meetingId: string;
  roomId: string;
  key: string | null;
  ref: string | null;
  createdFor: string | null;
  /** The id the meeting's copies share (create.ts's `sharedId`): the room's copy of a booking is found by it. */
  sharedId?: string | null;
  /** A booking made in its organizer's calendar that the room has not answered yet. */
  awaitsAnswer?: boolean;
}

/** A walk-up change, or a series the room gives up (its meetingId is the series' key, seriesOutboxKey), waiting to be written. */
export type RemoteOutboxEntry = OutboxRow<Exclude<MeetingChange, { kind: 'none' }> | SeriesDecline>;

interface LinkRow {
  meeting_id: string;
  room_id: string;
  remote_key: string | null;
  ref: string | null;
  created_for: string | null;
  shared_id: string | null;
  awaits_answer: number;
  created_at: number;
}

/** The remote calendars' side of the bridge's store; every write joins the caller's transaction. */
export class RemoteStore {
  readonly #db: SqlDatabase;
  readonly #outbox: OutboxTable<RemoteOutboxEntry['change']>;

  constructor(db: SqlDatabase) {
    this.#db = db;
    this.#outbox = new OutboxTable(db);
  }

  syncState(roomId: string): RemoteSyncState | undefined {
    const row = this.#db.prepare('SELECT calendar, cursor, window_start, synced_at FROM remote_sync WHERE room_id = ?').get(roomId) as
      | { calendar: string; cursor: string | null; window_start: number; synced_at: number | null }
      | undefined;
    return row && { calendar: row.calendar, cursor: row.cursor, windowStart: row.window_start, syncedAt: row.synced_at };
  }

  saveSyncState(roomId: string, state: RemoteSyncState): void {
    this.#db
      .prepare(
        `INSERT INTO remote_sync (room_id, calendar, cursor, window_start, synced_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(room_id) DO UPDATE SET calendar = excluded.calendar, cursor = excluded.cursor, window_start = excluded.window_start, synced_at = excluded.synced_at`,
      )
      .run(roomId, state.calendar, state.cursor, state.windowStart, state.syncedAt);
  }

  linkOf(meetingId: string): RemoteLink | undefined {
    return toLink(this.#db.prepare('SELECT * FROM remote_links WHERE meeting_id = ?').get(meetingId) as LinkRow | undefined);
  }

  linkByKey(roomId: string, key: string): RemoteLink | undefined {
    return toLink(this.#db.prepare('SELECT * FROM remote_links WHERE room_id = ? AND remote_key = ?').get(roomId, key) as LinkRow | undefined);
  }

  linkCreatedFor(roomId: string, createdFor: string): RemoteLink | undefined {
    return toLink(this.#db.prepare('SELECT * FROM remote_links WHERE room_id = ? AND created_for = ?').get(roomId, createdFor) as LinkRow | undefined);
  }

  /** The room's own booking (one it created) whose copies share `sharedId`. */
  ownLinkBySharedId(roomId: string, sharedId: string): RemoteLink | undefined {
    return toLink(this.#db.prepare('SELECT * FROM remote_links WHERE room_id = ? AND shared_id = ? AND created_for IS NOT NULL').get(roomId, sharedId) as LinkRow | undefined);
  }

  /** A meeting of the room read from its calendar (not one it created) whose copies share `sharedId`. */
  calendarLinkBySharedId(roomId: string, sharedId: string): RemoteLink | undefined {
    return toLink(this.#db.prepare('SELECT * FROM remote_links WHERE room_id = ? AND shared_id = ? AND created_for IS NULL').get(roomId, sharedId) as LinkRow | undefined);
  }

  /** The room's bookings made in their organizer's calendar that it has not answered, with when each was made. */
  awaitingAnswers(roomId: string): (RemoteLink & { createdAt: number })[] {
    const rows = this.#db.prepare('SELECT * FROM remote_links WHERE room_id = ? AND awaits_answer = 1 AND ref IS NOT NULL').all(roomId) as LinkRow[];
    return rows.flatMap((row) => {
      const link = toLink(row);
      return link ? [{ ...link, createdAt: row.created_at }] : [];
    });
  }

  /** The room's meetings known in its calendar: what a snapshot checks for removals. */
  linksOfRoom(roomId: string): RemoteLink[] {
    const rows = this.#db.prepare('SELECT * FROM remote_links WHERE room_id = ? AND remote_key IS NOT NULL').all(roomId) as LinkRow[];
    return rows.flatMap((row) => toLink(row) ?? []);
  }

  /** `now` is kept as when the link was first saved: how long a booking has waited for the room's answer. */
  saveLink(link: RemoteLink, now: number): void {
    this.#db
      .prepare(
        `INSERT INTO remote_links (meeting_id, room_id, remote_key, ref, created_for, shared_id, awaits_answer, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(meeting_id) DO UPDATE SET remote_key = excluded.remote_key, ref = excluded.ref, created_for = excluded.created_for,
           shared_id = excluded.shared_id, awaits_answer = excluded.awaits_answer`,
      )
      .run(link.meetingId, link.roomId, link.key, link.ref, link.createdFor, link.sharedId ?? null, link.awaitsAnswer ? 1 : 0, now);
  }

  deleteLink(meetingId: string): void {
    this.#db.prepare('DELETE FROM remote_links WHERE meeting_id = ?').run(meetingId);
  }

  /** The walk-up changes waiting to be written to rooms' calendars. */
  get outbox(): OutboxTable<RemoteOutboxEntry['change']> {
    return this.#outbox;
  }

  hasPendingChanges(meetingId: string): boolean {
    return this.#outbox.hasPendingChanges(meetingId);
  }

  dropChangesOf(meetingId: string): void {
    this.#outbox.dropChangesOf(meetingId);
  }

  /** The room's cursor and cached objects: it reads its calendar from the start again. */
  forgetSync(roomId: string): void {
    this.#db.prepare('DELETE FROM remote_sync WHERE room_id = ?').run(roomId);
    this.#db.prepare('DELETE FROM remote_objects WHERE room_id = ?').run(roomId);
  }

  /** The room leaves its calendar: its cursor, cache and every change still waiting go; its meetings stay, as local ones. */
  forgetRoom(roomId: string): void {
    this.forgetSync(roomId);
    this.#outbox.dropRoom(roomId);
  }

  /** The provider's cache of the room's calendar (CalDAV resources, an ICS feed's last answer). */
  objectCache(roomId: string): ObjectCache {
    const db = this.#db;
    return {
      list: () => db.prepare('SELECT href, etag, body FROM remote_objects WHERE room_id = ? ORDER BY href').all(roomId) as CachedObject[],
      get: (href) => db.prepare('SELECT href, etag, body FROM remote_objects WHERE room_id = ? AND href = ?').get(roomId, href) as CachedObject | undefined,
      put: (object) => {
        db.prepare(
          `INSERT INTO remote_objects (room_id, href, etag, body) VALUES (?, ?, ?, ?)
           ON CONFLICT(room_id, href) DO UPDATE SET etag = excluded.etag, body = excluded.body`,
        ).run(roomId, object.href, object.etag, object.body);
      },
      delete: (href) => {
        db.prepare('DELETE FROM remote_objects WHERE room_id = ? AND href = ?').run(roomId, href);
      },
      clear: () => {
        db.prepare('DELETE FROM remote_objects WHERE room_id = ?').run(roomId);
      },
    };
  }
}

function toLink(row: LinkRow | undefined): RemoteLink | undefined {
  return (
    row && {
      meetingId: row.meeting_id,
      roomId: row.room_id,
      key: row.remote_key,
      ref: row.ref,
      createdFor: row.created_for,
      sharedId: row.shared_id,
      awaitsAnswer: Number(row.awaits_answer) === 1,
    }
  );
}
