import { AuditEvent, type AuditEntry } from '../../../shared/admin-api.ts';
import { toIso } from '../../../shared/clock.ts';
import type { SqlDatabase } from '../store/sql-database.ts';

/**
 * What admins did to the bridge, kept in its store: who linked, unlinked,
 * renewed, revoked or removed what, and when. Entries are facts (JSON), not
 * sentences, so the admin page words them in the reader's language.
 */
export class AuditLog {
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    this.#db = db;
  }

  record(at: number, actor: string, event: AuditEvent): void {
    this.#db.prepare('INSERT INTO admin_audit (at, actor, event) VALUES (?, ?, ?)').run(at, actor, JSON.stringify(event));
  }

  /** Newest first. */
  recent(limit = 200): AuditEntry[] {
    const rows = this.#db.prepare('SELECT at, actor, event FROM admin_audit ORDER BY seq DESC LIMIT ?').all(limit) as {
      at: number;
      actor: string;
      event: string;
    }[];
    return rows.map((row) => ({ at: toIso(row.at), actor: row.actor, event: AuditEvent.parse(JSON.parse(row.event)) }));
  }
}
