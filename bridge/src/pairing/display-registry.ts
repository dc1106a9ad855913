import type { AdminDisplay } from '../../../shared/admin-api.ts';
import { DAY_MS, toIso } from '../../../shared/clock.ts';
import { staleDays } from '../../../shared/stale-display.ts';
import { displayCredentialHash } from '../access/display-credential.ts';
import type { SqlDatabase } from '../store/sql-database.ts';
import { LocalPresence, type DisplayPresence } from './display-presence.ts';

/** Which room a display without a room in its URL shows. */
export type DisplayAssignment =
  | { kind: 'linked'; roomId: string }
  /** An admin unlinked it: it pairs again, even on a one-room bridge. */
  | { kind: 'unlinked' }
  /** Never linked: a one-room bridge shows its room, a bridge with several rooms asks for pairing. */
  | { kind: 'new' };

/** A display never linked and not seen for this long is forgotten: it was a test, or a screen put to other use. */
export const FORGET_NEVER_LINKED_AFTER_MS = 30 * DAY_MS;
/**
 * At most this many never-linked displays are kept, the least recently seen
 * going first: any client can name a new display id, and the table must not
 * grow without bound. Linked displays are never forgotten.
 */
export const MAX_NEVER_LINKED = 10_000;

interface DisplayRow {
  id: string;
  room_id: string | null;
  linked_at: number | null;
  linked_by: string | null;
  last_seen_at: number;
  last_address: string | null;
  credential_issued_at: number | null;
  name: string | null;
}

/** A linked display that presented its credential: the room it may read and act on. */
export interface CredentialHolder {
  displayId: string;
  roomId: string;
}

/**
 * The displays this bridge has seen, by the id each display made for itself,
 * the room an admin linked each to, and the hash of the credential it was
 * linked with (see access/display-credential.ts). The id is no secret (any
 * client may name any id); the credential is what lets a display read its
 * room. A display is online while at least one of its sockets is (see
 * display-presence.ts).
 */
export class DisplayRegistry {
  readonly #db: SqlDatabase;
  readonly #presence: DisplayPresence;

  /** `presence`: which displays are connected, to this process alone or, in a hub, to any. */
  constructor(db: SqlDatabase, presence: DisplayPresence = new LocalPresence()) {
    this.#db = db;
    this.#presence = presence;
  }

  assignment(displayId: string): DisplayAssignment {
    const row = this.#row(displayId);
    if (row?.room_id) return { kind: 'linked', roomId: row.room_id };
    return row?.linked_at ? { kind: 'unlinked' } : { kind: 'new' };
  }

  /** `address`: the connection's peer, shown to admins to tell displays apart and spot a stranger. */
  seen(displayId: string, now: number, address: string | undefined): void {
    const known = this.#db.prepare('UPDATE displays SET last_seen_at = ?, last_address = ? WHERE id = ?').run(now, address ?? null, displayId).changes > 0;
    if (known) return;
    this.#db.transaction(() => {
      // Another bridge process sharing the store may have met the display a moment ago.
      this.#db
        .prepare('INSERT INTO displays (id, last_seen_at, last_address) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET last_seen_at = excluded.last_seen_at, last_address = excluded.last_address')
        .run(displayId, now, address ?? null);
      this.#forgetNeverLinked(now);
    });
  }

  #forgetNeverLinked(now: number): void {
    this.#db.prepare('DELETE FROM displays WHERE linked_at IS NULL AND last_seen_at < ?').run(now - FORGET_NEVER_LINKED_AFTER_MS);
    const { count } = this.#db.prepare('SELECT COUNT(*) AS count FROM displays WHERE linked_at IS NULL').get() as { count: number };
    if (count <= MAX_NEVER_LINKED) return;
    this.#db
      .prepare('DELETE FROM displays WHERE id IN (SELECT id FROM displays WHERE linked_at IS NULL ORDER BY last_seen_at, id LIMIT ?)')
      .run(count - MAX_NEVER_LINKED);
  }

  /** Counts one socket of the display; the function returned uncounts it. */
  connected(displayId: string): () => void {
    return this.#presence.connected(displayId);
  }

  /** Links the display, which from now on proves itself with the credential whose hash is `credentialHash` (the one given with the code the admin typed). */
  link(displayId: string, roomId: string, by: string, now: number, credentialHash: string): void {
    this.#db
      .prepare(
        `INSERT INTO displays (id, room_id, linked_at, linked_by, last_seen_at, credential_hash, credential_issued_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET room_id = excluded.room_id, linked_at = excluded.linked_at, linked_by = excluded.linked_by,
           credential_hash = excluded.credential_hash, credential_issued_at = excluded.credential_issued_at`,
      )
      .run(displayId, roomId, now, by, now, credentialHash, now);
  }

  /** Unlinks the display and revokes its credential; returns the room it was linked to, or undefined when it was linked to none. */
  unlink(displayId: string, by: string, now: number): string | undefined {
    const row = this.#row(displayId);
    if (!row?.room_id) return undefined;
    this.#db
      .prepare('UPDATE displays SET room_id = NULL, linked_at = ?, linked_by = ?, credential_hash = NULL, credential_issued_at = NULL WHERE id = ?')
      .run(now, by, displayId);
    return row.room_id;
  }

  /** Deletes the display's record, its credential and its pairing codes; returns what it was linked to, or undefined when there was no such display. */
  forget(displayId: string): { roomId: string | null } | undefined {
    return this.#db.transaction(() => {
      const row = this.#row(displayId);
      if (!row) return undefined;
      this.#db.prepare('DELETE FROM displays WHERE id = ?').run(displayId);
      this.#db.prepare('DELETE FROM pairing_codes WHERE display_id = ?').run(displayId);
      return { roomId: row.room_id };
    });
  }

  /**
   * Gives the display the name an admin chose: `renamed` with the name it
   * had, `taken` when another display has that name (in any case), and
   * `not-found` for no such display; only `renamed` changes anything.
   */
  rename(displayId: string, name: string): { outcome: 'renamed'; before: string | null } | { outcome: 'taken' } | { outcome: 'not-found' } {
    return this.#db.transaction(() => {
      const row = this.#row(displayId);
      if (!row) return { outcome: 'not-found' as const };
      const other = this.#db.prepare('SELECT id FROM displays WHERE lower(name) = lower(?) AND id <> ?').get(name, displayId);
      if (other) return { outcome: 'taken' as const };
      this.#db.prepare('UPDATE displays SET name = ? WHERE id = ?').run(name, displayId);
      return { outcome: 'renamed' as const, before: row.name };
    });
  }

  /** Whether the display was linked with a credential that still works (a display linked before credentials existed holds none). */
  holdsCredential(displayId: string): boolean {
    return this.#db.prepare('SELECT 1 AS held FROM displays WHERE id = ? AND credential_hash IS NOT NULL').get(displayId) !== undefined;
  }

  /** The linked display holding `credential`; undefined for a credential never given, revoked, or of a display unlinked since. */
  holderOf(credential: string): CredentialHolder | undefined {
    const row = this.#db.prepare('SELECT id, room_id FROM displays WHERE credential_hash = ?').get(displayCredentialHash(credential)) as
      | { id: string; room_id: string | null }
      | undefined;
    return row?.room_id ? { displayId: row.id, roomId: row.room_id } : undefined;
  }

  /** `now`: what its days unseen count to. */
  get(displayId: string, now: number): AdminDisplay | undefined {
    const row = this.#row(displayId);
    return row && this.#describe(row, now);
  }

  /** The most recently seen first; `now`: what their days unseen count to. */
  list(now: number): AdminDisplay[] {
    const rows = this.#db.prepare('SELECT * FROM displays ORDER BY last_seen_at DESC').all() as DisplayRow[];
    return rows.map((row) => this.#describe(row, now));
  }

  #row(displayId: string): DisplayRow | undefined {
    return this.#db.prepare('SELECT * FROM displays WHERE id = ?').get(displayId) as DisplayRow | undefined;
  }

  #describe(row: DisplayRow, now: number): AdminDisplay {
    const online = this.#presence.isOnline(row.id);
    return {
      id: row.id,
      name: row.name,
      roomId: row.room_id,
      linkedAt: row.linked_at === null ? null : toIso(row.linked_at),
      linkedBy: row.linked_by,
      lastSeenAt: toIso(row.last_seen_at),
      address: row.last_address,
      credentialIssuedAt: row.credential_issued_at === null ? null : toIso(row.credential_issued_at),
      online,
      staleDays: staleDays({ lastSeenAt: row.last_seen_at, online }, now),
    };
  }
}
