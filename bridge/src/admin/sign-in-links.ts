import { createHash, randomBytes } from 'node:crypto';
import { MINUTE_MS, type Clock } from '../../../shared/clock.ts';
import { fail, ok, type Result } from '../../../shared/errors.ts';
import type { SqlDatabase } from '../store/sql-database.ts';

/** Long enough to walk to the room with a phone; short enough that a link seen later on a screen or in a log is no use. */
export const SIGN_IN_LINK_MS = 10 * MINUTE_MS;

/**
 * One-time links to the admin page that sign a browser in as the local
 * admin token does, without typing it: the console shows one at each start
 * (a QR code on a terminal), for a phone. A link works once, within 10
 * minutes; its code is in the address's fragment, which browsers never send
 * to a server or in a Referer (RFC 3986, section 3.5), and the page
 * exchanges it for the token by POST. Links are kept in the store, so the
 * POST may reach any bridge process sharing it (a hub behind a load
 * balancer), not only the one that printed the link; the store holds each
 * code's SHA-256 only, so a copy of the database signs no one in.
 */
export class SignInLinks {
  readonly #db: SqlDatabase;
  readonly #clock: Clock;
  readonly #adminPage: string;

  /** `publicUrl`: where browsers reach the bridge. */
  constructor(db: SqlDatabase, clock: Clock, publicUrl: string) {
    this.#db = db;
    this.#clock = clock;
    this.#adminPage = new URL('admin/', publicUrl).href;
  }

  /** A new link to the admin page that signs in once, within 10 minutes. */
  issue(): string {
    const now = this.#clock.now();
    this.#db.prepare('DELETE FROM sign_in_links WHERE expires_at <= ?').run(now);
    const code = randomBytes(24).toString('base64url');
    this.#db.prepare('INSERT INTO sign_in_links (code_hash, expires_at) VALUES (?, ?)').run(hashOf(code), now + SIGN_IN_LINK_MS);
    return `${this.#adminPage}#signin=${code}`;
  }

  /** Uses up the link of `code`, or says why it cannot sign in. */
  redeem(code: string): Result<void> {
    const now = this.#clock.now();
    const hash = hashOf(code);
    // One UPDATE decides: of two processes given the same code at once, only one changes its row.
    if (this.#db.prepare('UPDATE sign_in_links SET used = 1 WHERE code_hash = ? AND used = 0 AND expires_at > ?').run(hash, now).changes === 1) return ok(undefined);
    // A used link stays until it expires, to be told apart from one never made.
    const link = this.#db.prepare('SELECT expires_at FROM sign_in_links WHERE code_hash = ?').get(hash) as { expires_at: number } | undefined;
    if (!link) return fail('unauthorized', 'This bridge made no such sign-in link: use the link it printed last, or the local admin token.');
    if (Number(link.expires_at) <= now) {
      return fail('expired', 'This sign-in link has expired: each works for 10 minutes. Restart the bridge for a new one, or sign in with the local admin token.');
    }
    return fail('not-allowed', 'This sign-in link was used already: each signs in once. Restart the bridge for a new one, or sign in with the local admin token.');
  }
}

function hashOf(code: string): string {
  return createHash('sha256').update(code).digest('base64url');
}
