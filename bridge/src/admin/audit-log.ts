import type { AuditAction, AuditEntry } from '../../../shared/admin-api.ts';
import { toIso } from '../../../shared/clock.ts';
import type { SqliteDatabase } from '../store/database.ts';

/** What admins did to the bridge, kept in its store: who linked, unlinked, renewed, revoked or removed what, and when. */
export class AuditLog {
  readonly #db: SqliteDatabase;

  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  record(entry: { at: number; actor: string; action: AuditAction; subject: string; detail: string }): void {
    this.#db
      .prepare('INSERT INTO admin_audit (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)')
      .run(entry.at, entry.actor, entry.action, entry.subject, entry.detail);
  }

  /** Newest first. */
  recent(limit = 200): AuditEntry[] {
    const rows = this.#db.prepare('SELECT at, actor, action, subject, detail FROM admin_audit ORDER BY seq DESC LIMIT ?').all(limit) as {
      at: number;
      actor: string;
      action: AuditAction;
      subject: string;
      detail: string;
    }[];
    return rows.map((row) => ({ ...row, at: toIso(row.at) }));
  }
}
