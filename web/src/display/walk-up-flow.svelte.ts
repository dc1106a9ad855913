import type { ErrorCode } from '../../../shared/errors.ts';
import type { WalkUpAction } from '../../../shared/model.ts';
import { IDLE_AFTER_MS, type ActionProblem, type DisplayState } from './display-state.svelte.ts';

/** A booking, which a room may ask its booker's name for. */
type Booking = Extract<WalkUpAction, { type: 'book' | 'book-now' }>;

/** Refusals of the PIN itself: another try may succeed. */
const PIN_REFUSALS: ReadonlySet<ErrorCode> = new Set(['wrong-pin', 'pin-required']);

/** A booking's times, as the confirm step asks about them. */
export interface BookingRange {
  start: number;
  end: number;
}

/**
 * The steps between a tap and an action sent, the same from the action bar
 * (book now, extend, end, check in) and from the agenda and timeline (book
 * later): choosing a later slot's length, the booker's name where the room
 * asks for it, confirming a booking where the room asks for that, then the
 * room's PIN where it needs one. One step is open at a time; the action goes
 * through DisplayState.act, which shows it at once and queues it for the
 * bridge.
 */
export class WalkUpFlow {
  /** The start of the later slot whose length is being chosen, or null. */
  choosingFrom = $state.raw<number | null>(null);
  /** A booking waiting for its booker's name (or a skip), in a room with askBookerName. */
  naming = $state.raw<{ action: Booking; range: BookingRange } | null>(null);
  /** A booking waiting for Confirm, in a room with confirmBooking. */
  confirming = $state.raw<{ action: WalkUpAction; range: BookingRange } | null>(null);
  /** An action waiting for the room's PIN. */
  awaitingPin = $state.raw<WalkUpAction | null>(null);
  /** Why the room refused the PIN last given, shown in the pad opened again for another try. */
  pinProblem = $state.raw<ErrorCode | null>(null);

  readonly #display: DisplayState;
  /** The action last sent with a PIN, kept until it is answered, so a refused PIN loses nothing. */
  #sentWithPin: WalkUpAction | null = null;
  /** When the open step opened: a step opened without a touch (by a script, say) is not idle from the start. */
  #openedAt = Number.NEGATIVE_INFINITY;

  constructor(display: DisplayState) {
    this.#display = display;
  }

  get open(): boolean {
    return this.choosingFrom !== null || this.naming !== null || this.confirming !== null || this.awaitingPin !== null;
  }

  chooseLater(start: number): void {
    this.cancel();
    this.#openedAt = this.#display.now;
    this.choosingFrom = start;
  }

  /** `range`: given for a booking, whose times a room that confirms bookings asks about first. */
  send(action: WalkUpAction, range?: BookingRange): void {
    this.cancel();
    this.#openedAt = this.#display.now;
    if (range && isBooking(action) && this.#display.snapshot?.room.settings.askBookerName) this.naming = { action, range };
    else this.#confirmOrAct(action, range);
  }

  /** The name given, or '' for none (skipped): a name becomes the booking's subject. */
  named(name: string): void {
    const pending = this.naming;
    this.naming = null;
    if (!pending) return;
    const given = name.trim();
    this.#confirmOrAct(given === '' ? pending.action : { ...pending.action, name: given }, pending.range);
  }

  confirm(): void {
    const pending = this.confirming;
    this.confirming = null;
    if (pending) this.#askPinOrAct(pending.action);
  }

  submitPin(pin: string): void {
    const action = this.awaitingPin;
    this.cancel();
    if (!action) return;
    this.#sentWithPin = action;
    this.#display.act({ ...action, pin });
  }

  /**
   * The PIN just given was refused while the bridge was live: the pad opens
   * again with the reason in it, and the same action waits for another try.
   * Refusals of actions taken offline stay notices: whoever took one may be gone.
   */
  retryRefusedPin(problem: ActionProblem | null): void {
    const sent = this.#sentWithPin;
    if (!problem || !sent || problem.takenOffline || problem.actionId !== sent.id || !PIN_REFUSALS.has(problem.code)) return;
    this.#sentWithPin = null;
    this.#openedAt = this.#display.now;
    // A new id: the bridge answers a repeated one with its first answer.
    this.awaitingPin = { ...sent, id: crypto.randomUUID() };
    this.pinProblem = problem.code;
    this.#display.dismissProblem();
  }

  cancel(): void {
    this.choosingFrom = null;
    this.naming = null;
    this.confirming = null;
    this.awaitingPin = null;
    this.pinProblem = null;
  }

  /** Left open with nobody touching the screen, a step closes, as the display's idle moment comes. */
  closeIfIdle(): void {
    if (this.open && this.#display.now - Math.max(this.#display.lastInteractionAt, this.#openedAt) >= IDLE_AFTER_MS) this.cancel();
  }

  #confirmOrAct(action: WalkUpAction, range: BookingRange | undefined): void {
    if (range && this.#display.snapshot?.room.settings.confirmBooking) this.confirming = { action, range };
    else this.#askPinOrAct(action);
  }

  #askPinOrAct(action: WalkUpAction): void {
    if (this.#display.snapshot?.room.settings.pinRequired) this.awaitingPin = action;
    else this.#display.act(action);
  }
}

function isBooking(action: WalkUpAction): action is Booking {
  return action.type === 'book' || action.type === 'book-now';
}
