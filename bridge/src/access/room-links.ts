import { createHmac, randomBytes } from 'node:crypto';
import { MINUTE_MS, toIso, type Clock } from '../../../shared/clock.ts';
import { fail, ok, type Result } from '../../../shared/errors.ts';
import { encodeLinkPayload, readLinkToken, type RoomLinkGrant } from '../../../shared/room-link-token.ts';
import type { RoomLink } from '../../../shared/socket-events.ts';
import { sameSecret } from '../same-secret.ts';
import type { SqlDatabase } from '../store/sql-database.ts';

/** A display asks for a new link this often, so the code on its screen is never older than this. */
export const ROOM_LINK_REFRESH_MS = 5 * MINUTE_MS;
/** A link works this long after it was made: at most 10 minutes after it was first on a screen. */
export const ROOM_LINK_VALID_MS = 10 * MINUTE_MS;

const INVALID = 'This room link is not valid or has expired: scan the QR code on the room\'s display again.';

/**
 * Signed, short-lived room links for the QR codes of paired displays: proof
 * that a phone stood at the room a moment ago, nothing more. A link is
 * `<payload>.<signature>` (shared/room-link-token.ts), the payload naming the
 * room and the expiry, the signature an HMAC-SHA256 under a secret kept in
 * the store, so every bridge process sharing the store, and the same one
 * after a restart, accepts it.
 * Nothing is stored per link: a link cannot be revoked before it expires,
 * which the 10 minutes bound.
 */
export class RoomLinks {
  readonly #db: SqlDatabase;
  readonly #clock: Clock;
  readonly #publicUrl: string;
  #secret: string | undefined;

  constructor(db: SqlDatabase, clock: Clock, publicUrl: string) {
    this.#db = db;
    this.#clock = clock;
    this.#publicUrl = publicUrl;
  }

  /** A new link to the room's page for a paired display's QR code. */
  issue(roomId: string): RoomLink {
    const now = this.#clock.now();
    const expiresAt = now + ROOM_LINK_VALID_MS;
    const payload = encodeLinkPayload({ roomId, expiresAt });
    const token = `${payload}.${this.#sign(payload)}`;
    const url = new URL(`/rooms/${encodeURIComponent(roomId)}`, this.#publicUrl);
    url.searchParams.set('link', token);
    return { url: url.toString(), expiresAt: toIso(expiresAt), refreshAt: toIso(now + ROOM_LINK_REFRESH_MS), now: toIso(now) };
  }

  /** The room and expiry a link grants; refused when it is forged, altered or expired. */
  verify(token: string): Result<RoomLinkGrant> {
    const [payload, signature] = token.split('.');
    const grant = readLinkToken(token);
    if (!grant || payload === undefined || signature === undefined || !sameSecret(this.#sign(payload), signature) || grant.expiresAt <= this.#clock.now()) {
      return fail('room-link-invalid', INVALID);
    }
    return ok(grant);
  }

  #sign(payload: string): string {
    return createHmac('sha256', this.#key()).update(payload).digest('base64url');
  }

  /** Made on first use and kept; when two processes make one at once, both use the one stored first. */
  #key(): string {
    this.#secret ??= this.#db.transaction(() => {
      this.#db.prepare('INSERT INTO room_link_key (id, secret) VALUES (1, ?) ON CONFLICT (id) DO NOTHING').run(randomBytes(32).toString('base64url'));
      return (this.#db.prepare('SELECT secret FROM room_link_key WHERE id = 1').get() as { secret: string }).secret;
    });
    return this.#secret;
  }
}
