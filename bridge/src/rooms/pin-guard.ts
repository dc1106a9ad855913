import { MINUTE_MS, type Clock } from '../../../shared/clock.ts';
import { fail, ok, type Result } from '../../../shared/errors.ts';
import { FailureWindow } from '../failure-window.ts';
import { sameSecret } from '../same-secret.ts';

/**
 * Checks a room's walk-up PIN. A 4-digit PIN falls to guessing unless
 * attempts are limited, so after 5 wrong ones in 5 minutes the room accepts
 * no PIN (right or wrong) until the oldest failure is 5 minutes old.
 */
export class PinGuard {
  readonly #failures: FailureWindow;

  constructor(clock: Clock) {
    this.#failures = new FailureWindow(clock, { max: 5, windowMs: 5 * MINUTE_MS });
  }

  check(roomId: string, expected: string | null, given: string | undefined): Result<null> {
    if (expected === null) return ok(null);
    if (given === undefined || given === '') return fail('pin-required', 'This room asks for a PIN before any booking action.');
    const waitMs = this.#failures.waitMs(roomId);
    if (waitMs > 0) return fail('too-many-attempts', `Too many wrong PINs: try again in ${Math.ceil(waitMs / MINUTE_MS)} min.`);
    if (sameSecret(expected, given)) {
      this.#failures.reset(roomId);
      return ok(null);
    }
    this.#failures.fail(roomId);
    return fail('wrong-pin', 'That PIN is not right.');
  }
}
