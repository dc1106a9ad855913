import { createHash, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../../shared/clock.ts';
import { fail, ok, type Result } from '../../../shared/errors.ts';

const MAX_FAILURES = 5;
const WINDOW_MS = 5 * 60_000;

/**
 * Checks a room's walk-up PIN. A 4-digit PIN falls to guessing unless
 * attempts are limited, so after 5 wrong ones in 5 minutes the room accepts
 * no PIN (right or wrong) until the oldest failure is 5 minutes old.
 */
export class PinGuard {
  readonly #clock: Clock;
  readonly #failures = new Map<string, number[]>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  check(roomId: string, expected: string | null, given: string | undefined): Result<null> {
    if (expected === null) return ok(null);
    if (given === undefined || given === '') return fail('pin-required', 'This room asks for a PIN before any booking action.');
    const now = this.#clock.now();
    const recent = (this.#failures.get(roomId) ?? []).filter((at) => now - at < WINDOW_MS);
    if (recent.length >= MAX_FAILURES) {
      const waitMinutes = Math.ceil((recent[0]! + WINDOW_MS - now) / 60_000);
      return fail('too-many-attempts', `Too many wrong PINs: try again in ${waitMinutes} min.`);
    }
    if (sameSecret(expected, given)) {
      this.#failures.delete(roomId);
      return ok(null);
    }
    this.#failures.set(roomId, [...recent, now]);
    return fail('wrong-pin', 'That PIN is not right.');
  }
}

/** Compared as digests of equal length, so the time taken says nothing about the PIN. */
function sameSecret(expected: string, given: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(expected), digest(given));
}
