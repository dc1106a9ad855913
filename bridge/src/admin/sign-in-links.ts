import { randomBytes } from 'node:crypto';
import { MINUTE_MS, type Clock } from '../../../shared/clock.ts';
import { fail, ok, type Result } from '../../../shared/errors.ts';

/** Long enough to walk to the room with a phone; short enough that a link seen later on a screen or in a log is no use. */
export const SIGN_IN_LINK_MS = 10 * MINUTE_MS;

/**
 * One-time links to the admin page that sign a browser in as the local
 * admin token does, without typing it: the console shows one at each start
 * (a QR code on a terminal), for a phone. A link works once, within 10
 * minutes, in the process that made it; its code is in the address's
 * fragment, which browsers never send to a server or in a Referer (RFC 3986,
 * section 3.5), and the page exchanges it for the token by POST. Links are
 * kept in memory only: a restart ends them all, and makes a new one.
 */
export class SignInLinks {
  readonly #clock: Clock;
  readonly #adminPage: string;
  /** Each link's code, and until when it works; a used one stays until then, to be told apart from one never made. */
  readonly #links = new Map<string, { expiresAt: number; used: boolean }>();

  /** `publicUrl`: where browsers reach the bridge. */
  constructor(clock: Clock, publicUrl: string) {
    this.#clock = clock;
    this.#adminPage = new URL('admin/', publicUrl).href;
  }

  /** A new link to the admin page that signs in once, within 10 minutes. */
  issue(): string {
    this.#forgetExpired();
    const code = randomBytes(24).toString('base64url');
    this.#links.set(code, { expiresAt: this.#clock.now() + SIGN_IN_LINK_MS, used: false });
    return `${this.#adminPage}#signin=${code}`;
  }

  /** Uses up the link of `code`, or says why it cannot sign in. */
  redeem(code: string): Result<void> {
    const link = this.#links.get(code);
    if (!link || link.expiresAt <= this.#clock.now()) {
      this.#forgetExpired();
      return link
        ? fail('expired', 'This sign-in link has expired: each works for 10 minutes. Restart the bridge for a new one, or sign in with the local admin token.')
        : fail('unauthorized', 'This bridge made no such sign-in link (a restart ends them): use the link it printed last, or the local admin token.');
    }
    if (link.used) return fail('not-allowed', 'This sign-in link was used already: each signs in once. Restart the bridge for a new one, or sign in with the local admin token.');
    link.used = true;
    return ok(undefined);
  }

  #forgetExpired(): void {
    const now = this.#clock.now();
    for (const [code, link] of this.#links) if (link.expiresAt <= now) this.#links.delete(code);
  }
}
