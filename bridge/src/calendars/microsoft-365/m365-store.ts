import type { SqlDatabase } from '../../store/sql-database.ts';
import type { MeetingChange } from '../../../../shared/walk-up-rules.ts';
import type { SeriesDecline } from './series-decline.ts';
import { OutboxTable, type OutboxRow } from '../remote/outbox-table.ts';

/** Where a room's delta sync stands: the window it covers and the link that continues it. */
export interface SyncState {
  /** Null once Exchange refused it: every round starts over until one completes. */
  deltaLink: string | null;
  windowStart: number;
  windowEnd: number;
  syncedAt: number | null;
}

/**
 * How a local meeting is known in Exchange. A calendar event has its id in
 * the room's calendar (`remoteId`). A walk-up booking the bridge made also
 * has its organizer's copy and the room's answer; its room copy is found by
 * the iCalUId the copies share.
 */
export interface RemoteLink {
  meetingId: string;
  roomId: string;
  remoteId: string | null;
  iCalUId: string | null;
  organizerMailbox: string | null;
  organizerEventId: string | null;
  /** Own bookings only: 'pending' until the room answers, then 'accepted' or 'declined'. */
  roomResponse: 'pending' | 'accepted' | 'declined' | null;
}

/** A walk-up change, or a series the room gives up (its meetingId is the series' key, seriesOutboxKey), waiting to be written to Exchange. */
export type OutboxEntry = OutboxRow<Exclude<MeetingChange, { kind: 'none' }> | SeriesDecline>;

/** The integration was revoked: when, by whom, and the fingerprint of the configured credential it no longer uses. */
export interface Revocation {
  at: number;
  by: string;
  credential: string;
}

interface LinkRow {
  meeting_id: string;
  room_id: string;
  remote_id: string | null;
  ical_uid: string | null;
  organizer_mailbox: string | null;
  organizer_event_id: string | null;
  room_response: RemoteLink['roomResponse'];
}

/** The Microsoft 365 side of the bridge's store; every write joins the caller's transaction. */
export class M365Store {
  readonly #db: SqlDatabase;
  readonly #outbox: OutboxTable<OutboxEntry['change']>;

  constructor(db: SqlDatabase) {
    this.#db = db;
    this.#outbox = new OutboxTable(db, 'm365_outbox');
  }

  syncState(roomId: string): SyncState | undefined {
    const row = this.#db.prepare('SELECT delta_link, window_start, window_end, synced_at FROM m365_sync WHERE room_id = ?').get(roomId) as
      | { delta_link: string | null; window_start: number; window_end: number; synced_at: number | null }
      | undefined;
    return row && { deltaLink: row.delta_link, windowStart: row.window_start, windowEnd: row.window_end, syncedAt: row.synced_at };
  }

  saveSyncState(roomId: string, state: SyncState): void {
    this.#db
      .prepare(
        `INSERT INTO m365_sync (room_id, delta_link, window_start, window_end, synced_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(room_id) DO UPDATE SET delta_link = excluded.delta_link, window_start = excluded.window_start, window_end = excluded.window_end, synced_at = excluded.synced_at`,
      )
      .run(roomId, state.deltaLink, state.windowStart, state.windowEnd, state.syncedAt);
  }

  linkOf(meetingId: string): RemoteLink | undefined {
    return toLink(this.#db.prepare('SELECT * FROM m365_events WHERE meeting_id = ?').get(meetingId) as LinkRow | undefined);
  }

  linkByRemoteId(remoteId: string): RemoteLink | undefined {
    return toLink(this.#db.prepare('SELECT * FROM m365_events WHERE remote_id = ?').get(remoteId) as LinkRow | undefined);
  }

  ownBookingByUid(roomId: string, iCalUId: string): RemoteLink | undefined {
    const row = this.#db
      .prepare('SELECT * FROM m365_events WHERE room_id = ? AND ical_uid = ? AND organizer_event_id IS NOT NULL')
      .get(roomId, iCalUId) as LinkRow | undefined;
    return toLink(row);
  }

  /** A link of the room to a calendar event (not an own booking) with this iCalUId, other than `meetingId`'s own. */
  calendarLinkByUid(roomId: string, iCalUId: string, meetingId: string): RemoteLink | undefined {
    const row = this.#db
      .prepare('SELECT * FROM m365_events WHERE room_id = ? AND ical_uid = ? AND meeting_id != ? AND organizer_event_id IS NULL')
      .get(roomId, iCalUId, meetingId) as LinkRow | undefined;
    return toLink(row);
  }

  /** Links of the room whose events came from its calendar: what a full resync checks for removals. */
  linksOfRoom(roomId: string): RemoteLink[] {
    const rows = this.#db.prepare('SELECT * FROM m365_events WHERE room_id = ? AND remote_id IS NOT NULL').all(roomId) as LinkRow[];
    return rows.map((row) => toLink(row)!);
  }

  /** Own bookings whose room has not answered yet. */
  pendingResponses(roomId: string): RemoteLink[] {
    const rows = this.#db
      .prepare("SELECT * FROM m365_events WHERE room_id = ? AND room_response = 'pending' AND organizer_event_id IS NOT NULL")
      .all(roomId) as LinkRow[];
    return rows.map((row) => toLink(row)!);
  }

  saveLink(link: RemoteLink, now: number): void {
    this.#db
      .prepare(
        `INSERT INTO m365_events (meeting_id, room_id, remote_id, ical_uid, organizer_mailbox, organizer_event_id, room_response, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(meeting_id) DO UPDATE SET remote_id = excluded.remote_id, ical_uid = excluded.ical_uid,
           organizer_mailbox = excluded.organizer_mailbox, organizer_event_id = excluded.organizer_event_id, room_response = excluded.room_response`,
      )
      .run(link.meetingId, link.roomId, link.remoteId, link.iCalUId, link.organizerMailbox, link.organizerEventId, link.roomResponse, now);
  }

  linkCreatedAt(meetingId: string): number | undefined {
    const row = this.#db.prepare('SELECT created_at FROM m365_events WHERE meeting_id = ?').get(meetingId) as { created_at: number } | undefined;
    return row?.created_at;
  }

  deleteLink(meetingId: string): void {
    this.#db.prepare('DELETE FROM m365_events WHERE meeting_id = ?').run(meetingId);
  }

  enqueue(roomId: string, meetingId: string, change: OutboxEntry['change'], now: number): void {
    this.#outbox.enqueue(roomId, meetingId, change, now);
  }

  /**
   * The oldest waiting change of each room first; a room's changes are sent in
   * the order they were made. `roomIds` limits it to the rooms this process sends for.
   */
  outbox(limit: number, roomIds?: string[]): OutboxEntry[] {
    return this.#outbox.waiting(limit, roomIds);
  }

  outboxDepth(roomId?: string): number {
    return this.#outbox.depth(roomId);
  }

  hasPendingChanges(meetingId: string): boolean {
    return this.#outbox.hasPendingChanges(meetingId);
  }

  markSent(seq: number): void {
    this.#outbox.markSent(seq);
  }

  markFailed(seq: number, error: string): void {
    this.#outbox.markFailed(seq, error);
  }

  dropChangesOf(meetingId: string): void {
    this.#outbox.dropChangesOf(meetingId);
  }

  credential(): { data: string; importedFrom: string | null } | undefined {
    const row = this.#db.prepare('SELECT data, imported_from FROM m365_credential WHERE id = 1').get() as { data: string; imported_from: string | null } | undefined;
    return row && { data: row.data, importedFrom: row.imported_from };
  }

  /** Forgets the room's sync position and its changes not yet sent: the room runs on its local bookings from now on. */
  forgetRoom(roomId: string): void {
    this.#db.prepare('DELETE FROM m365_sync WHERE room_id = ?').run(roomId);
    this.#outbox.dropRoom(roomId);
  }

  /**
   * Forgets the credential, every sync position and every change not yet
   * sent, and records who revoked the integration, so a restart with the
   * same configured credential does not connect again.
   */
  revoke(revocation: Revocation): void {
    this.#db.exec('DELETE FROM m365_sync; DELETE FROM m365_outbox; DELETE FROM m365_credential;');
    this.#db
      .prepare(
        `INSERT INTO m365_revocation (id, revoked_at, revoked_by, credential) VALUES (1, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET revoked_at = excluded.revoked_at, revoked_by = excluded.revoked_by, credential = excluded.credential`,
      )
      .run(revocation.at, revocation.by, revocation.credential);
  }

  revocation(): Revocation | undefined {
    const row = this.#db.prepare('SELECT revoked_at, revoked_by, credential FROM m365_revocation WHERE id = 1').get() as
      | { revoked_at: number; revoked_by: string; credential: string }
      | undefined;
    return row && { at: row.revoked_at, by: row.revoked_by, credential: row.credential };
  }

  clearRevocation(): void {
    this.#db.prepare('DELETE FROM m365_revocation').run();
  }

  saveCredential(data: string, importedFrom: string | null): void {
    this.#db
      .prepare('INSERT INTO m365_credential (id, data, imported_from) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET data = excluded.data, imported_from = excluded.imported_from')
      .run(data, importedFrom);
  }
}

function toLink(row: LinkRow | undefined): RemoteLink | undefined {
  if (!row) return undefined;
  return {
    meetingId: row.meeting_id,
    roomId: row.room_id,
    remoteId: row.remote_id,
    iCalUId: row.ical_uid,
    organizerMailbox: row.organizer_mailbox,
    organizerEventId: row.organizer_event_id,
    roomResponse: row.room_response,
  };
}
