import type { SqlDatabase } from '../../store/sql-database.ts';

/** The integration was revoked: when, by whom, and the fingerprint of the configured credential it no longer uses. */
export interface Revocation {
  at: number;
  by: string;
  credential: string;
}

/**
 * The Microsoft 365 side of the bridge's store: its credential and whether
 * it was revoked (its rooms' calendars are the remote-calendar engine's);
 * every write joins the caller's transaction.
 */
export class M365Store {
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    this.#db = db;
  }

  credential(): { data: string; importedFrom: string | null } | undefined {
    const row = this.#db.prepare('SELECT data, imported_from FROM m365_credential WHERE id = 1').get() as { data: string; imported_from: string | null } | undefined;
    return row && { data: row.data, importedFrom: row.imported_from };
  }

  /**
   * Forgets the credential and records who revoked the integration, so a
   * restart with the same configured credential does not connect again.
   */
  revoke(revocation: Revocation): void {
    this.#db.exec('DELETE FROM m365_credential;');
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
