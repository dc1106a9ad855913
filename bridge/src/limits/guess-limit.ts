import { DAY_MS, type Clock } from '../../../shared/clock.ts';
import { FailureWindow } from '../failure-window.ts';
import { SweptMap } from './swept-map.ts';

/** A guesser that gave the right answer this recently is known: a backstop leaves it its whole allowance. */
const KNOWN_FOR_MS = 7 * DAY_MS;

export interface GuessLimits<Scope extends string> {
  windowMs: number;
  /** Wrong answers one guesser may give in a window; then it is refused, the right answer too, until the oldest is a window old. */
  perGuesser: number;
  /** Wrong answers from everyone together in one scope (a room, an address, the bridge) in a window: that scope's backstop. */
  backstops: Record<Scope, number>;
}

/**
 * Limits guessing a short secret (a room's PIN, a pairing code) per guesser,
 * with backstops over everyone's guesses in a scope.
 *
 * A guesser (a client at a room, an admin) that gives too many wrong answers
 * is locked for the window: a lock that still took the right answer would
 * let its guessing go on. It locks only itself, never anyone else.
 *
 * A backstop never refuses the right answer. One that did would be the old
 * flaw again: anyone could lock a room (or pairing) for everyone by typing
 * wrong answers. But a backstop that lets the right answer through cannot
 * stop a guesser with enough addresses either: the right guess, when it
 * comes, is taken. What it does is make wrong answers dearer once its scope
 * has had its share: a stranger's first wrong answer then locks it, instead
 * of its fifth or tenth, so guessing spread over many addresses gets one
 * guess per address and window, not five or ten. Strangers are guessers that
 * gave no right answer in the last 7 days; known ones (a room's display that
 * people unlock every day, an admin who linked a display lately) keep their
 * whole allowance, and anyone who knows the answer gets in however many
 * wrong ones come from elsewhere. Refusing strangers outright needs clients
 * that can prove who they are: with display credentials and phone links
 * (issue 19), a backstop can refuse everyone else once reached and still
 * never block a paired display or a phone link.
 */
export class GuessLimit<Scope extends string> {
  readonly #clock: Clock;
  readonly #guessers: FailureWindow;
  readonly #backstops: Map<Scope, FailureWindow>;
  /** When each known guesser last gave the right answer. */
  readonly #rightAt: SweptMap<string, number>;

  constructor(clock: Clock, limits: GuessLimits<Scope>) {
    this.#clock = clock;
    this.#guessers = new FailureWindow(clock, { max: limits.perGuesser, windowMs: limits.windowMs });
    this.#backstops = new Map(
      (Object.entries(limits.backstops) as [Scope, number][]).map(([scope, max]) => [scope, new FailureWindow(clock, { max, windowMs: limits.windowMs })]),
    );
    this.#rightAt = new SweptMap((at) => clock.now() - at >= KNOWN_FOR_MS);
  }

  /** How long `guesser` must wait before it may answer again: 0 when it may now. */
  waitMs(guesser: string): number {
    return this.#guessers.waitMs(guesser);
  }

  /** `guesser` gave the right answer: its wrong ones are forgiven, and it is known from now on. */
  right(guesser: string): void {
    this.#guessers.reset(guesser);
    this.#rightAt.set(guesser, this.#clock.now());
  }

  /** `guesser` gave a wrong answer, in each scope named (scope to key: the room's id, the address). */
  wrong(guesser: string, scopes: Record<Scope, string>): void {
    let reached = false;
    for (const [scope, window] of this.#backstops) {
      const key = scopes[scope];
      // Reached before this answer: the backstop allows its number of wrong answers in full.
      reached ||= window.waitMs(key) > 0;
      window.fail(key);
    }
    if (reached && !this.#isKnown(guesser)) this.#guessers.lock(guesser);
    else this.#guessers.fail(guesser);
  }

  #isKnown(guesser: string): boolean {
    const at = this.#rightAt.get(guesser);
    return at !== undefined && this.#clock.now() - at < KNOWN_FOR_MS;
  }
}
