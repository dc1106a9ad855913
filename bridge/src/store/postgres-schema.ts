/**
 * The PostgreSQL schema, version by version, as `sqlite-database.ts`'s
 * MIGRATIONS are for SQLite: the same tables and columns, in PostgreSQL's
 * types. Its versions count on their own: version 1 is SQLite's version 5.
 * Instants are milliseconds since the epoch (BIGINT), JSON is kept as text,
 * as in SQLite. Ids sort by code point (COLLATE "C"), as SQLite sorts them,
 * whatever the database's locale. One table more than SQLite's: the local
 * admin token, which a lone bridge keeps in a file in its data dir.
 */
export const POSTGRES_MIGRATIONS: readonly string[] = [
  `CREATE TABLE rooms (
     id TEXT COLLATE "C" PRIMARY KEY,
     data TEXT NOT NULL,
     updated_at BIGINT NOT NULL
   );
   CREATE TABLE meetings (
     id TEXT PRIMARY KEY,
     room_id TEXT COLLATE "C" NOT NULL REFERENCES rooms(id),
     span_start BIGINT NOT NULL,
     span_end BIGINT NOT NULL,
     data TEXT NOT NULL
   );
   CREATE INDEX meetings_by_room_and_span ON meetings (room_id, span_end, span_start);
   CREATE TABLE walk_up_actions (
     id TEXT PRIMARY KEY,
     room_id TEXT NOT NULL,
     request TEXT NOT NULL,
     result TEXT NOT NULL,
     applied_at BIGINT NOT NULL
   );
   CREATE TABLE m365_sync (
     room_id TEXT PRIMARY KEY,
     delta_link TEXT,
     window_start BIGINT NOT NULL,
     window_end BIGINT NOT NULL,
     synced_at BIGINT
   );
   CREATE TABLE m365_events (
     meeting_id TEXT PRIMARY KEY,
     room_id TEXT NOT NULL,
     remote_id TEXT UNIQUE,
     ical_uid TEXT,
     organizer_mailbox TEXT,
     organizer_event_id TEXT,
     room_response TEXT,
     created_at BIGINT NOT NULL
   );
   CREATE INDEX m365_events_by_uid ON m365_events (room_id, ical_uid);
   CREATE TABLE m365_outbox (
     seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     room_id TEXT NOT NULL,
     meeting_id TEXT NOT NULL,
     change TEXT NOT NULL,
     created_at BIGINT NOT NULL,
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
     at BIGINT NOT NULL
   );
   CREATE TABLE displays (
     id TEXT COLLATE "C" PRIMARY KEY,
     room_id TEXT,
     linked_at BIGINT,
     linked_by TEXT,
     last_seen_at BIGINT NOT NULL
   );
   CREATE INDEX displays_never_linked ON displays (last_seen_at) WHERE linked_at IS NULL;
   CREATE TABLE admin_audit (
     seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     at BIGINT NOT NULL,
     actor TEXT NOT NULL,
     event TEXT NOT NULL
   );
   CREATE TABLE m365_revocation (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     revoked_at BIGINT NOT NULL,
     revoked_by TEXT NOT NULL,
     credential TEXT NOT NULL
   );
   CREATE TABLE pairing_codes (
     code TEXT PRIMARY KEY,
     display_id TEXT NOT NULL,
     expires_at BIGINT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     used INTEGER NOT NULL DEFAULT 0
   );
   CREATE INDEX pairing_codes_by_display ON pairing_codes (display_id, expires_at);
   CREATE TABLE admin_token (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     token TEXT NOT NULL
   );`,
  // The Microsoft account of delegated permissions: who it is, and MSAL's token cache (its refresh token), sealed with the data dir's key.
  `CREATE TABLE m365_account (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     username TEXT NOT NULL,
     name TEXT,
     home_account_id TEXT NOT NULL,
     connected_at BIGINT NOT NULL,
     connected_by TEXT NOT NULL,
     last_refresh_at BIGINT,
     token_cache TEXT NOT NULL
   );`,
  // Display credentials (only their SHA-256 is kept) and the secret that signs phones' room links (see bridge/src/access).
  `ALTER TABLE displays ADD COLUMN credential_hash TEXT;
   ALTER TABLE displays ADD COLUMN credential_issued_at BIGINT;
   ALTER TABLE displays ADD COLUMN last_address TEXT;
   CREATE UNIQUE INDEX displays_by_credential ON displays (credential_hash);
   ALTER TABLE pairing_codes ADD COLUMN credential_hash TEXT;
   CREATE TABLE room_link_key (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     secret TEXT NOT NULL
   );`,  // Rooms gained `access` (default paired): the demo room seeded before keeps working without pairing, as a new one does.
  `UPDATE rooms SET data = jsonb_set(data::jsonb, '{access}', '"open"')::text WHERE id = 'demo' AND data::jsonb->>'access' IS NULL;`,
  // Problems reported at the rooms, and the alerts about them not yet taken by the alert webhook (see bridge/src/problems).
  `CREATE TABLE problems (
     id TEXT COLLATE "C" PRIMARY KEY,
     room_id TEXT NOT NULL,
     kind TEXT NOT NULL,
     note TEXT,
     reported_at BIGINT NOT NULL,
     resolved_at BIGINT,
     resolved_by TEXT
   );
   CREATE INDEX problems_by_reported_at ON problems (reported_at);
   CREATE TABLE problem_alerts (
     problem_id TEXT PRIMARY KEY REFERENCES problems(id),
     room_id TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     first_failed_at BIGINT,
     last_error TEXT
   );`,
  // Recurring meetings' no-shows in a row per room and series (checkIn.strikes; see bridge/src/rooms/no-show-strikes.ts).
  `CREATE TABLE no_show_strikes (
     room_id TEXT COLLATE "C" NOT NULL,
     series_id TEXT COLLATE "C" NOT NULL,
     strikes INTEGER NOT NULL,
     last_meeting_id TEXT,
     released_at BIGINT,
     PRIMARY KEY (room_id, series_id)
   );`,
  // How rooms were used, for insights (see bridge/src/insights): each meeting as it was booked and how it went, and when sensors saw people; no subject, no organizer.
  `CREATE TABLE meeting_history (
     room_id TEXT COLLATE "C" NOT NULL,
     meeting_id TEXT COLLATE "C" NOT NULL,
     start_at BIGINT NOT NULL,
     booked_end_at BIGINT NOT NULL,
     end_at BIGINT NOT NULL,
     origin TEXT NOT NULL,
     checked_in_at BIGINT,
     released_at BIGINT,
     ended_early INTEGER NOT NULL DEFAULT 0,
     PRIMARY KEY (room_id, meeting_id)
   );
   CREATE INDEX meeting_history_by_room_and_start ON meeting_history (room_id, start_at);
   CREATE INDEX meeting_history_by_start ON meeting_history (start_at);
   CREATE TABLE presence_history (
     room_id TEXT COLLATE "C" NOT NULL,
     source TEXT NOT NULL,
     from_at BIGINT NOT NULL,
     to_at BIGINT NOT NULL,
     max_people INTEGER,
     PRIMARY KEY (room_id, source, from_at)
   );
   CREATE INDEX presence_history_by_from ON presence_history (from_at);`,
  `CREATE TABLE remote_sync (
     room_id TEXT PRIMARY KEY,
     calendar TEXT NOT NULL,
     cursor TEXT,
     window_start BIGINT NOT NULL,
     synced_at BIGINT
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
     seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     room_id TEXT NOT NULL,
     meeting_id TEXT NOT NULL,
     change TEXT NOT NULL,
     created_at BIGINT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     last_error TEXT
   );
   CREATE TABLE remote_objects (
     room_id TEXT COLLATE "C" NOT NULL,
     href TEXT COLLATE "C" NOT NULL,
     etag TEXT,
     body TEXT NOT NULL,
     PRIMARY KEY (room_id, href)
   );`,
  `CREATE TABLE calendar_secrets (
     name TEXT COLLATE "C" PRIMARY KEY,
     sealed TEXT NOT NULL,
     saved_at BIGINT NOT NULL
   );`,
  // Microsoft 365's rooms moved onto the remote-calendar engine: their links and waiting changes join its tables (their sync restarts with a
  // snapshot, which rewrites each link's ref). A meeting no longer stored (released, a change on its way) is taken as one the room attends, as
  // the bridge declined every such meeting before.
  `ALTER TABLE remote_links ADD COLUMN shared_id TEXT COLLATE "C";
   ALTER TABLE remote_links ADD COLUMN awaits_answer INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE remote_links ADD COLUMN created_at BIGINT NOT NULL DEFAULT 0;
   CREATE INDEX remote_links_by_shared_id ON remote_links (room_id, shared_id);
   INSERT INTO remote_links (meeting_id, room_id, remote_key, ref, created_for, shared_id, awaits_answer, created_at)
     SELECT m365_events.meeting_id, m365_events.room_id, remote_id,
       CASE WHEN organizer_event_id IS NOT NULL THEN json_build_object('event', organizer_event_id, 'organizer', organizer_mailbox)::text
            WHEN remote_id IS NOT NULL AND (meetings.data IS NULL OR (meetings.data::json ->> 'organizedElsewhere') = 'true') THEN json_build_object('event', remote_id, 'attends', true)::text
            WHEN remote_id IS NOT NULL THEN json_build_object('event', remote_id)::text END,
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
     expires_at BIGINT NOT NULL,
     used INTEGER NOT NULL DEFAULT 0
   );`,
  // Which bridge process holds a socket of which display, until when (pairing/display-presence.ts): a hub's admin page sees every process's.
  `CREATE TABLE display_connections (
     display_id TEXT NOT NULL,
     process_id TEXT NOT NULL,
     until BIGINT NOT NULL,
     PRIMARY KEY (display_id, process_id)
   );`,
];
