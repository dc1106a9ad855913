import { randomInt } from 'node:crypto';
import { MINUTE_MS, type Clock } from '../../../shared/clock.ts';
import { fail, type Result } from '../../../shared/errors.ts';
import { normalizePairingCode, PAIRING_ALPHABET, PAIRING_CODE_LENGTH, PAIRING_CODE_TTL_MS } from '../../../shared/pairing-code.ts';
import { FailureWindow } from '../failure-window.ts';

/** Wrong codes one admin (their identity and address) may try in 10 minutes. */
const CLIENT_FAILURES = 10;
/** Wrong codes all admins together may try in 10 minutes: guessing spread over many addresses still waits. */
const ALL_FAILURES = 100;
/** A right code whose link keeps failing is burned after this many tries; the display shows a new one. */
const CODE_ATTEMPTS = 5;
/** A used or expired code is remembered this long, so the admin is told why it no longer works. */
const REMEMBERED_MS = 60 * MINUTE_MS;
/** Codes kept at most: display ids cost nothing to make, memory does. */
const MAX_CODES = 10_000;

interface IssuedCode {
  displayId: string;
  expiresAt: number;
  attempts: number;
  used: boolean;
}

/**
 * The short codes unpaired displays show. Single-use, valid 10 minutes, and
 * 29^8 (about 5·10^11) possible codes against at most 10 wrong guesses per
 * client and 100 overall per 10 minutes: guessing a live code is hopeless.
 */
export class PairingCodes {
  readonly #clock: Clock;
  readonly #randomIndex: (size: number) => number;
  readonly #codes = new Map<string, IssuedCode>();
  readonly #byDisplay = new Map<string, string>();
  readonly #clientFailures: FailureWindow;
  readonly #allFailures: FailureWindow;

  constructor(clock: Clock, randomIndex: (size: number) => number = randomInt) {
    this.#clock = clock;
    this.#randomIndex = randomIndex;
    this.#clientFailures = new FailureWindow(clock, { max: CLIENT_FAILURES, windowMs: 10 * MINUTE_MS });
    this.#allFailures = new FailureWindow(clock, { max: ALL_FAILURES, windowMs: 10 * MINUTE_MS });
  }

  /** The display's code while it works; a new one otherwise; none when too many are out. */
  issue(displayId: string): { code: string; expiresAt: number } | undefined {
    const now = this.#clock.now();
    this.#forgetOld(now);
    const current = this.#byDisplay.get(displayId);
    const issued = current === undefined ? undefined : this.#codes.get(current);
    if (current !== undefined && issued && !issued.used && issued.expiresAt > now && issued.attempts < CODE_ATTEMPTS) {
      return { code: current, expiresAt: issued.expiresAt };
    }
    if (this.#codes.size >= MAX_CODES) return undefined;
    let code: string;
    do code = Array.from({ length: PAIRING_CODE_LENGTH }, () => PAIRING_ALPHABET[this.#randomIndex(PAIRING_ALPHABET.length)]).join('');
    while (this.#codes.has(code));
    const expiresAt = now + PAIRING_CODE_TTL_MS;
    this.#codes.set(code, { displayId, expiresAt, attempts: 0, used: false });
    this.#byDisplay.set(displayId, code);
    return { code, expiresAt };
  }

  /** How long `client` must wait before trying a code again: 0 when it may try now. */
  waitMs(client: string): number {
    return Math.max(this.#clientFailures.waitMs(client), this.#allFailures.waitMs('all'));
  }

  /**
   * Runs `link` for the display showing `typed`. The code is used up only
   * when `link` succeeds; a refusal counts against the client, or against
   * the code when the code itself was right.
   */
  redeem<T>(typed: string, client: string, link: (displayId: string) => Result<T>): Result<T> {
    const waitMs = this.waitMs(client);
    if (waitMs > 0) return fail('too-many-attempts', `Too many wrong pairing codes: try again in ${Math.ceil(waitMs / 1000)} s.`);
    const now = this.#clock.now();
    const code = normalizePairingCode(typed);
    const issued = code === null ? undefined : this.#codes.get(code);
    const refusal = this.#refusal(code, issued, now);
    if (refusal || !issued || code === null) {
      this.#clientFailures.fail(client);
      this.#allFailures.fail('all');
      return refusal ?? fail('pairing-code-invalid', 'No display shows that code.');
    }
    const linked = link(issued.displayId);
    if (!linked.ok) {
      issued.attempts += 1;
      return linked;
    }
    issued.used = true;
    this.#byDisplay.delete(issued.displayId);
    this.#clientFailures.reset(client);
    return linked;
  }

  #refusal(code: string | null, issued: IssuedCode | undefined, now: number): Result<never> | undefined {
    if (code === null) {
      return fail('pairing-code-invalid', `A pairing code is ${PAIRING_CODE_LENGTH} letters and digits, as the display shows it (e.g. ABCD-EF23).`);
    }
    if (!issued) return fail('pairing-code-invalid', 'No display shows that code: check it on the display and type it again.');
    if (issued.used) return fail('pairing-code-used', 'That code was already used: a display shows a new code once it is unlinked.');
    if (issued.expiresAt <= now || issued.attempts >= CODE_ATTEMPTS) {
      return fail('pairing-code-expired', 'That code has expired: the display shows a new one, use that.');
    }
    return undefined;
  }

  #forgetOld(now: number): void {
    for (const [code, issued] of this.#codes) {
      if (issued.expiresAt + REMEMBERED_MS > now) continue;
      this.#codes.delete(code);
      if (this.#byDisplay.get(issued.displayId) === code) this.#byDisplay.delete(issued.displayId);
    }
  }
}
