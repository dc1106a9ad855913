import { randomInt } from 'node:crypto';
import { MINUTE_MS, type Clock } from '../../../shared/clock.ts';
import { fail, failForNow, type Result } from '../../../shared/errors.ts';
import { normalizePairingCode, PAIRING_ALPHABET, PAIRING_CODE_LENGTH, PAIRING_CODE_TTL_MS } from '../../../shared/pairing-code.ts';
import { displayCredentialHash, newDisplayCredential } from '../access/display-credential.ts';
import type { Client } from '../limits/client.ts';
import { GuessLimit } from '../limits/guess-limit.ts';
import type { SqlDatabase } from '../store/sql-database.ts';

/** Wrong codes one admin may try in 10 minutes, from wherever they are. */
const ADMIN_FAILURES = 10;
/** Wrong codes from one address in 10 minutes, whoever sends them, before its backstop is reached. */
const ADDRESS_FAILURES = 10;
/** Wrong codes from everyone together in 10 minutes before the bridge's backstop is reached. */
const ALL_FAILURES = 100;
/** A right code whose link keeps failing is burned after this many tries; the display shows a new one. */
const CODE_ATTEMPTS = 5;
/** A used or expired code is remembered this long, so the admin is told why it no longer works. */
const REMEMBERED_MS = 60 * MINUTE_MS;
/** Codes kept at most: display ids cost nothing to make, memory does. */
const MAX_CODES = 10_000;

interface IssuedCode {
  displayId: string;
  /** Null for a code made before displays had credentials: it links nothing any more. */
  credentialHash: string | null;
  expiresAt: number;
  attempts: number;
  used: 0 | 1;
}

/** A code for a display to show; `credential` only with a code new to it, for the display to keep. */
export interface DisplayCode {
  code: string;
  expiresAt: number;
  credential?: string;
}

/** The display an admin linked by its code, and the hash of the credential given with that code. */
export interface CodeOwner {
  displayId: string;
  credentialHash: string;
}

/** Who typed a pairing code: the admin signed in, from the client (address) their request came from. */
export interface CodeGuesser {
  adminId: string;
  client: Client;
}

/**
 * The short codes unpaired displays show. Single-use, valid 10 minutes, and
 * 29^8 (about 5·10^11) possible codes against 10 wrong guesses per admin per
 * 10 minutes: guessing a live code is hopeless. An admin who guessed wrong
 * 10 times waits (even with a right code); past 10 wrong codes from one
 * address, or 100 from everyone, the first wrong code of an admin who linked
 * no display in the last 7 days makes them wait, but a right code always
 * links (see GuessLimit). So several admins behind one reverse proxy (one
 * address) do not lock each other out.
 * Kept in the store, not in memory: a display shows the same code across a
 * bridge restart, and a code shown by a display connected to one bridge
 * process links it from the admin page served by another.
 *
 * Each code comes with a display credential, given to the display that asked
 * (and only the hash kept); linking the code makes it that display's. The
 * same code is given again only to a display presenting that credential: a
 * client naming another display's id gets a code of its own, so it can
 * neither read the code on that display's screen nor hijack its link.
 */
export class PairingCodes {
  readonly #db: SqlDatabase;
  readonly #clock: Clock;
  readonly #randomIndex: (size: number) => number;
  readonly #guesses: GuessLimit<'address' | 'everyone'>;

  constructor(db: SqlDatabase, clock: Clock, randomIndex: (size: number) => number = randomInt) {
    this.#db = db;
    this.#clock = clock;
    this.#randomIndex = randomIndex;
    this.#guesses = new GuessLimit(clock, {
      windowMs: 10 * MINUTE_MS,
      perGuesser: ADMIN_FAILURES,
      backstops: { address: ADDRESS_FAILURES, everyone: ALL_FAILURES },
    });
  }

  /** The code given with `credential` while it works; a new one (and credential) otherwise; none when too many are out. */
  issue(displayId: string, credential: string | undefined): DisplayCode | undefined {
    const now = this.#clock.now();
    return this.#db.transaction(() => {
      this.#db.prepare('DELETE FROM pairing_codes WHERE expires_at <= ?').run(now - REMEMBERED_MS);
      const current =
        credential === undefined
          ? undefined
          : (this.#db
              .prepare(
                'SELECT code, expires_at AS "expiresAt" FROM pairing_codes WHERE display_id = ? AND credential_hash = ? AND used = 0 AND expires_at > ? AND attempts < ? ORDER BY expires_at DESC LIMIT 1',
              )
              .get(displayId, displayCredentialHash(credential), now, CODE_ATTEMPTS) as DisplayCode | undefined);
      if (current) return current;
      const { count } = this.#db.prepare('SELECT COUNT(*) AS count FROM pairing_codes').get() as { count: number };
      if (count >= MAX_CODES) return undefined;
      let code: string;
      do code = Array.from({ length: PAIRING_CODE_LENGTH }, () => PAIRING_ALPHABET[this.#randomIndex(PAIRING_ALPHABET.length)]).join('');
      while (this.#issued(code));
      const expiresAt = now + PAIRING_CODE_TTL_MS;
      const fresh = newDisplayCredential();
      this.#db.prepare('INSERT INTO pairing_codes (code, display_id, expires_at, credential_hash) VALUES (?, ?, ?, ?)').run(code, displayId, expiresAt, fresh.hash);
      return { code, expiresAt, credential: fresh.secret };
    });
  }

  /**
   * Runs `link` for the display showing `typed`. The code is used up only
   * when `link` succeeds; a refusal counts against the admin, or against
   * the code when the code itself was right.
   */
  redeem<T>(typed: string, guesser: CodeGuesser, link: (owner: CodeOwner) => Result<T>): Result<T> {
    const waitMs = this.#guesses.waitMs(guesser.adminId);
    if (waitMs > 0) return failForNow('too-many-attempts', `Too many wrong pairing codes: try again in ${Math.ceil(waitMs / 1000)} s.`, waitMs);
    const now = this.#clock.now();
    const code = normalizePairingCode(typed);
    // One write transaction with the link: the same code typed into two admin pages at once links one display once.
    const outcome = this.#db.transaction((): { linked: Result<T> } | { refusal: Result<never> } => {
      const issued = code === null ? undefined : this.#issued(code);
      const refusal = this.#refusal(code, issued, now);
      if (refusal || !issued?.credentialHash || code === null) return { refusal: refusal ?? fail('pairing-code-invalid', 'No display shows that code.') };
      const linked = link({ displayId: issued.displayId, credentialHash: issued.credentialHash });
      this.#db.prepare(linked.ok ? 'UPDATE pairing_codes SET used = 1 WHERE code = ?' : 'UPDATE pairing_codes SET attempts = attempts + 1 WHERE code = ?').run(code);
      return { linked };
    });
    if ('refusal' in outcome) {
      this.#guesses.wrong(guesser.adminId, { address: guesser.client, everyone: 'everyone' });
      return outcome.refusal;
    }
    if (outcome.linked.ok) this.#guesses.right(guesser.adminId);
    return outcome.linked;
  }

  #issued(code: string): IssuedCode | undefined {
    return this.#db.prepare('SELECT display_id AS "displayId", credential_hash AS "credentialHash", expires_at AS "expiresAt", attempts, used FROM pairing_codes WHERE code = ?').get(code) as
      | IssuedCode
      | undefined;
  }

  #refusal(code: string | null, issued: IssuedCode | undefined, now: number): Result<never> | undefined {
    if (code === null) {
      return fail('pairing-code-invalid', `A pairing code is ${PAIRING_CODE_LENGTH} letters and digits, as the display shows it (e.g. ABCD-EF23).`);
    }
    if (!issued) return fail('pairing-code-invalid', 'No display shows that code: check it on the display and type it again.');
    if (issued.used === 1) return fail('pairing-code-used', 'That code was already used: a display shows a new code once it is unlinked.');
    if (issued.expiresAt <= now || issued.attempts >= CODE_ATTEMPTS || issued.credentialHash === null) {
      return fail('pairing-code-expired', 'That code has expired: the display shows a new one, use that.');
    }
    return undefined;
  }
}
