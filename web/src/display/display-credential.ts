import type { DisplayDb } from '../offline/display-db.ts';

/**
 * This display's credential: the secret the bridge gave it with a new
 * pairing code, which proves, once an admin has linked that code, that this
 * is the display linked. It is sent with every watch and pairing-code
 * request and kept in the display's database. A secret: never logged, never
 * put in a URL, and never in reactive state a screen could show.
 */
export class DisplayCredential {
  #secret: string | undefined;
  #db: DisplayDb | null = null;

  get secret(): string | undefined {
    return this.#secret;
  }

  /** Takes the credential kept in `db`, and keeps any new one there. Never fails: unread, there is none. */
  async useDb(db: DisplayDb): Promise<void> {
    this.#db = db;
    this.#secret = await db.loadCredential().catch((error: unknown) => {
      console.error('Lintel could not read its credential on this display: it pairs again', error);
      return undefined;
    });
  }

  /** The credential that came with a new pairing code, in place of the one before (which no longer works). */
  keep(secret: string): void {
    this.#secret = secret;
    this.#db?.saveCredential(secret).catch((error: unknown) => {
      console.error('Lintel could not keep its credential on this display: after a restart it pairs again', error);
    });
  }
}
