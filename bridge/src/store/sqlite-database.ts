import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { SqlDatabase } from './sql-database.ts';

/**
 * Each entry upgrades the schema by one version; `user_version` records how
 * far a database has come, so an old data dir is upgraded in place.
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE rooms (
     id TEXT PRIMARY KEY,
     data TEXT NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE TABLE meetings (
     id TEXT PRIMARY KEY,
     room_id TEXT NOT NULL REFERENCES rooms(id),
     span_start INTEGER NOT NULL,
     span_end INTEGER NOT NULL,
     data TEXT NOT NULL
   );
   CREATE INDEX meetings_by_room_and_span ON meetings (room_id, span_end, span_start);
   CREATE TABLE walk_up_actions (
     id TEXT PRIMARY KEY,
     room_id TEXT NOT NULL,
     request TEXT NOT NULL,
     result TEXT NOT NULL,
     applied_at INTEGER NOT NULL
   );`,
  `CREATE TABLE m365_sync (
     room_id TEXT PRIMARY KEY,
     delta_link TEXT,
     window_start INTEGER NOT NULL,
     window_end INTEGER NOT NULL,
     synced_at INTEGER
   );
   CREATE TABLE m365_events (
     meeting_id TEXT PRIMARY KEY,
     room_id TEXT NOT NULL,
     remote_id TEXT UNIQUE,
     ical_uid TEXT,
     organizer_mailbox TEXT,
     organizer_event_id TEXT,
     room_response TEXT,
     created_at INTEGER NOT NULL
   );
   CREATE INDEX m365_events_by_uid ON m365_events (room_id, ical_uid);
   CREATE TABLE m365_outbox (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     room_id TEXT NOT NULL,
     meeting_id TEXT NOT NULL,
     change TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     last_error TEXT
   );
   CREATE TABLE m365_credential (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     data TEXT NOT NULL,
     imported_from TEXT
   );
   CREATE TABLE room_notices (
     id TEXT PRIMARY KEY,
     room_id TEXT NOT NULL,
     data TEXT NOT NULL,
     at INTEGER NOT NULL
   );`,
  `CREATE TABLE displays (
     id TEXT PRIMARY KEY,
     room_id TEXT,
     linked_at INTEGER,
     linked_by TEXT,
     last_seen_at INTEGER NOT NULL
   );
   CREATE TABLE admin_audit (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     at INTEGER NOT NULL,
     actor TEXT NOT NULL,
     action TEXT NOT NULL,
     subject TEXT NOT NULL,
     detail TEXT NOT NULL
   );
   CREATE TABLE m365_revocation (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     revoked_at INTEGER NOT NULL,
     revoked_by TEXT NOT NULL,
     credential TEXT NOT NULL
   );`,
  // Audit entries become facts (JSON) the admin page words in the reader's language; the English rows of version 3 are kept aside, unread.
  `ALTER TABLE admin_audit RENAME TO admin_audit_v3;
   CREATE TABLE admin_audit (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     at INTEGER NOT NULL,
     actor TEXT NOT NULL,
     event TEXT NOT NULL
   );
   CREATE INDEX displays_never_linked ON displays (last_seen_at) WHERE linked_at IS NULL;`,
  `CREATE TABLE pairing_codes (
     code TEXT PRIMARY KEY,
     display_id TEXT NOT NULL,
     expires_at INTEGER NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     used INTEGER NOT NULL DEFAULT 0
   );
   CREATE INDEX pairing_codes_by_display ON pairing_codes (display_id, expires_at);`,
  // The Microsoft account of delegated permissions: who it is, and MSAL's token cache (its refresh token), sealed with the data dir's key.
  `CREATE TABLE m365_account (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     username TEXT NOT NULL,
     name TEXT,
     home_account_id TEXT NOT NULL,
     connected_at INTEGER NOT NULL,
     connected_by TEXT NOT NULL,
     last_refresh_at INTEGER,
     token_cache TEXT NOT NULL
   );`,
  // Display credentials (only their SHA-256 is kept) and the secret that signs phones' room links (see bridge/src/access).
  `ALTER TABLE displays ADD COLUMN credential_hash TEXT;
   ALTER TABLE displays ADD COLUMN credential_issued_at INTEGER;
   ALTER TABLE displays ADD COLUMN last_address TEXT;
   CREATE UNIQUE INDEX displays_by_credential ON displays (credential_hash);
   ALTER TABLE pairing_codes ADD COLUMN credential_hash TEXT;
   CREATE TABLE room_link_key (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     secret TEXT NOT NULL
   );`,  // Rooms gained `access` (default paired): the demo room seeded before keeps working without pairing, as a new one does.
  `UPDATE rooms SET data = json_set(data, '$.access', 'open') WHERE id = 'demo' AND json_extract(data, '$.access') IS NULL;`,
  // Problems reported at the rooms, and the alerts about them not yet taken by the alert webhook (see bridge/src/problems).
  `CREATE TABLE problems (
     id TEXT PRIMARY KEY,
     room_id TEXT NOT NULL,
     kind TEXT NOT NULL,
     note TEXT,
     reported_at INTEGER NOT NULL,
     resolved_at INTEGER,
     resolved_by TEXT
   );
   CREATE INDEX problems_by_reported_at ON problems (reported_at);
   CREATE TABLE problem_alerts (
     problem_id TEXT PRIMARY KEY REFERENCES problems(id),
     room_id TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     first_failed_at INTEGER,
     last_error TEXT
   );`,
  // Recurring meetings' no-shows in a row per room and series (checkIn.strikes; see bridge/src/rooms/no-show-strikes.ts).
  `CREATE TABLE no_show_strikes (
     room_id TEXT NOT NULL,
     series_id TEXT NOT NULL,
     strikes INTEGER NOT NULL,
     last_meeting_id TEXT,
     released_at INTEGER,
     PRIMARY KEY (room_id, series_id)
   );`,
  // How rooms were used, for insights (see bridge/src/insights): each meeting as it was booked and how it went, and when sensors saw people; no subject, no organizer.
  `CREATE TABLE meeting_history (
     room_id TEXT NOT NULL,
     meeting_id TEXT NOT NULL,
     start_at INTEGER NOT NULL,
     booked_end_at INTEGER NOT NULL,
     end_at INTEGER NOT NULL,
     origin TEXT NOT NULL,
     checked_in_at INTEGER,
     released_at INTEGER,
     ended_early INTEGER NOT NULL DEFAULT 0,
     PRIMARY KEY (room_id, meeting_id)
   );
   CREATE INDEX meeting_history_by_room_and_start ON meeting_history (room_id, start_at);
   CREATE INDEX meeting_history_by_start ON meeting_history (start_at);
   CREATE TABLE presence_history (
     room_id TEXT NOT NULL,
     source TEXT NOT NULL,
     from_at INTEGER NOT NULL,
     to_at INTEGER NOT NULL,
     max_people INTEGER,
     PRIMARY KEY (room_id, source, from_at)
   );
   CREATE INDEX presence_history_by_from ON presence_history (from_at);`,
  `CREATE TABLE remote_sync (
     room_id TEXT PRIMARY KEY,
     calendar TEXT NOT NULL,
     cursor TEXT,
     window_start INTEGER NOT NULL,
     synced_at INTEGER
   );
   CREATE TABLE remote_links (
     meeting_id TEXT PRIMARY KEY,
     room_id TEXT NOT NULL,
     remote_key TEXT,
     ref TEXT,
     created_for TEXT
   );
   CREATE UNIQUE INDEX remote_links_by_key ON remote_links (room_id, remote_key);
   CREATE TABLE remote_outbox (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     room_id TEXT NOT NULL,
     meeting_id TEXT NOT NULL,
     change TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     last_error TEXT
   );
   CREATE TABLE remote_objects (
     room_id TEXT NOT NULL,
     href TEXT NOT NULL,
     etag TEXT,
     body TEXT NOT NULL,
     PRIMARY KEY (room_id, href)
   );`,
  `CREATE TABLE calendar_secrets (
     name TEXT PRIMARY KEY,
     sealed TEXT NOT NULL,
     saved_at INTEGER NOT NULL
   );`,
  // Microsoft 365's rooms moved onto the remote-calendar engine: their links and waiting changes join its tables (their sync restarts with a
  // snapshot, which rewrites each link's ref). A meeting no longer stored (released, a change on its way) is taken as one the room attends, as
  // the bridge declined every such meeting before.
  `ALTER TABLE remote_links ADD COLUMN shared_id TEXT;
   ALTER TABLE remote_links ADD COLUMN awaits_answer INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE remote_links ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;
   CREATE INDEX remote_links_by_shared_id ON remote_links (room_id, shared_id);
   INSERT INTO remote_links (meeting_id, room_id, remote_key, ref, created_for, shared_id, awaits_answer, created_at)
     SELECT m365_events.meeting_id, m365_events.room_id, remote_id,
       CASE WHEN organizer_event_id IS NOT NULL THEN json_object('event', organizer_event_id, 'organizer', organizer_mailbox)
            WHEN remote_id IS NOT NULL AND (meetings.data IS NULL OR json_extract(meetings.data, '$.organizedElsewhere') = 1) THEN json_object('event', remote_id, 'attends', json('true'))
            WHEN remote_id IS NOT NULL THEN json_object('event', remote_id) END,
       CASE WHEN organizer_event_id IS NOT NULL OR room_response IS NOT NULL THEN m365_events.meeting_id END,
       ical_uid,
       CASE WHEN room_response = 'pending' AND organizer_event_id IS NOT NULL THEN 1 ELSE 0 END,
       m365_events.created_at
     FROM m365_events LEFT JOIN meetings ON meetings.id = m365_events.meeting_id WHERE true
     ON CONFLICT DO NOTHING;
   INSERT INTO remote_outbox (room_id, meeting_id, change, created_at, attempts, last_error)
     SELECT room_id, meeting_id, change, created_at, attempts, last_error FROM m365_outbox ORDER BY seq;
   DROP TABLE m365_events;
   DROP TABLE m365_outbox;
   DROP TABLE m365_sync;`,
  // The name an admin gives a display on the admin page ("Lobby left"), unique among displays regardless of case.
  `ALTER TABLE displays ADD COLUMN name TEXT;`,
  // One-time sign-in links (admin/sign-in-links.ts), by their code's hash: any process sharing the store takes them.
  `CREATE TABLE sign_in_links (
     code_hash TEXT PRIMARY KEY,
     expires_at INTEGER NOT NULL,
     used INTEGER NOT NULL DEFAULT 0
   );`,
  // Which bridge process holds a socket of which display, until when (pairing/display-presence.ts): a hub's admin page sees every process's.
  `CREATE TABLE display_connections (
     display_id TEXT NOT NULL,
     process_id TEXT NOT NULL,
     until INTEGER NOT NULL,
     PRIMARY KEY (display_id, process_id)
   );`,
];

/**
 * Opens (creating if needed) the bridge's store. WAL with synchronous=FULL:
 * a transaction is on disk before the caller is told it committed, so an
 * acknowledged walk-up booking survives a crash or a power cut.
 */
export function openSqliteDatabase(dataDir: string): SqlDatabase {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, 'lintel.sqlite3');
  const db = new Database(file);
  // It holds the Microsoft 365 credential: readable by the bridge's own user only.
  chmodSync(file, 0o600);
  // First: bridge processes sharing the store open it together, and the others' statements wait instead of failing.
  db.pragma('busy_timeout = 5000');
  useWriteAheadLog(db);
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return asSqlDatabase(db);
}

/** 100 tries 50 ms apart: the busy_timeout's 5 s. */
const WAL_SWITCH_TRIES = 100;
const WAL_SWITCH_PAUSE_MS = 50;

/**
 * Switching a store to WAL takes an exclusive lock, and SQLite answers busy
 * at once instead of waiting when another process is switching the same new
 * store that moment (bridge processes started together): so try again.
 */
function useWriteAheadLog(db: Database.Database): void {
  for (let tries = 1; ; tries++) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_BUSY' || tries >= WAL_SWITCH_TRIES) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, WAL_SWITCH_PAUSE_MS);
    }
  }
}

export function openMemoryDatabase(): SqlDatabase {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return asSqlDatabase(db);
}

/**
 * Immediate transactions take the write lock first: bridge processes sharing
 * the store then queue (busy_timeout) instead of failing when both read and
 * then write. Nested ones are savepoints (better-sqlite3's own rule).
 */
function asSqlDatabase(db: Database.Database): SqlDatabase {
  return {
    prepare: (sql) => db.prepare(sql),
    exec: (sql) => void db.exec(sql),
    transaction: (work) => db.transaction(work).immediate(),
    close: () => db.close(),
  };
}

/**
 * Brings the schema up to date in one write transaction. Taken before the
 * version is read: bridge processes sharing a store may start together, and
 * the ones that wait must find the work done rather than do it again.
 */
function migrate(db: Database.Database): void {
  db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > MIGRATIONS.length) {
      throw new Error(`The data dir was written by a newer Lintel (schema ${current}); this one knows ${MIGRATIONS.length}.`);
    }
    for (let version = current; version < MIGRATIONS.length; version++) db.exec(MIGRATIONS[version] ?? '');
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}
