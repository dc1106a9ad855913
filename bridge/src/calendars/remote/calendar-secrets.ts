import type { SqlDatabase } from '../../store/sql-database.ts';
import type { TokenSeal } from '../../store/token-seal.ts';

/** What the admin page saves: a room's CalDAV password, or Google Workspace's service account. */
export type SecretName = `caldav-password:${string}` | 'google-service-account';

export const caldavPasswordOf = (roomId: string): SecretName => `caldav-password:${roomId}`;

/**
 * Secrets the admin page saved for the calendars, sealed in the store
 * (token-seal.ts): the database alone, or a dump of it, reveals none. Secrets
 * set in files (a rooms file's `passwordFile`, `LINTEL_GOOGLE_CREDENTIALS_FILE`)
 * are never copied here.
 */
export class CalendarSecrets {
  readonly #db: SqlDatabase;
  readonly #sealer: () => TokenSeal;
  #sealed: TokenSeal | undefined;

  /** `seal`: made when a secret is first saved or read, so a bridge that keeps none makes no key. */
  constructor(db: SqlDatabase, seal: () => TokenSeal) {
    this.#db = db;
    this.#sealer = seal;
  }

  get #seal(): TokenSeal {
    return (this.#sealed ??= this.#sealer());
  }

  /** The secret, or undefined when none was saved or it no longer opens (the data dir's key was replaced). */
  get(name: SecretName): string | undefined {
    const row = this.#db.prepare('SELECT sealed FROM calendar_secrets WHERE name = ?').get(name) as { sealed: string } | undefined;
    return row ? (this.#seal.open(row.sealed) ?? undefined) : undefined;
  }

  /** When the secret was saved: a connection made before then is made again. */
  savedAt(name: SecretName): number | undefined {
    const row = this.#db.prepare('SELECT saved_at FROM calendar_secrets WHERE name = ?').get(name) as { saved_at: number | string } | undefined;
    return row ? Number(row.saved_at) : undefined;
  }

  save(name: SecretName, secret: string, now: number): void {
    this.#db
      .prepare('INSERT INTO calendar_secrets (name, sealed, saved_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET sealed = excluded.sealed, saved_at = excluded.saved_at')
      .run(name, this.#seal.seal(secret), now);
  }

  delete(name: SecretName): void {
    this.#db.prepare('DELETE FROM calendar_secrets WHERE name = ?').run(name);
  }
}
