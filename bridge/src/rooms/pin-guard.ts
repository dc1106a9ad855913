import { MINUTE_MS, type Clock } from '../../../shared/clock.ts';
import { fail, failForNow, ok, type Result } from '../../../shared/errors.ts';
import type { Client } from '../limits/client.ts';
import { GuessLimit } from '../limits/guess-limit.ts';
import { sameSecret } from '../same-secret.ts';

/** Wrong PINs one client may give at a room in 5 minutes. */
const CLIENT_FAILURES = 5;
/** Wrong PINs a room takes from all clients together in 5 minutes before its backstop is reached. */
const ROOM_FAILURES = 20;

/**
 * Checks a room's walk-up PIN. A 4-digit PIN falls to guessing unless
 * attempts are limited: 5 wrong PINs from a client at a room lock that
 * client there for 5 minutes (the right PIN included), and no one else.
 * Past 20 wrong PINs at a room in 5 minutes, from anyone, a stranger's first
 * wrong PIN locks it (see GuessLimit for why the right PIN still gets in).
 *
 * Counted per client and room: a right PIN forgives the client's wrong ones
 * at that room only, so knowing one room's PIN buys no guesses at another.
 */
export class PinGuard {
  readonly #guesses: GuessLimit<'room'>;

  constructor(clock: Clock) {
    this.#guesses = new GuessLimit(clock, { windowMs: 5 * MINUTE_MS, perGuesser: CLIENT_FAILURES, backstops: { room: ROOM_FAILURES } });
  }

  check(client: Client, roomId: string, expected: string | null, given: string | undefined): Result<null> {
    if (expected === null) return ok(null);
    if (given === undefined || given === '') return fail('pin-required', 'This room asks for a PIN before any booking action.');
    const guesser = `${roomId} ${client}`;
    const waitMs = this.#guesses.waitMs(guesser);
    if (waitMs > 0) return failForNow('too-many-attempts', `Too many wrong PINs from this device: try again in ${Math.ceil(waitMs / MINUTE_MS)} min.`, waitMs);
    if (sameSecret(expected, given)) {
      this.#guesses.right(guesser);
      return ok(null);
    }
    this.#guesses.wrong(guesser, { room: roomId });
    return fail('wrong-pin', 'That PIN is not right.');
  }
}
