import type { RoomWish } from '../room-device.ts';

/** What the driver last read from the unit; null until it has. */
export interface UnitReading {
  power: 'on' | 'standby' | null;
  /** A source (Button, app) is connected (R5915531 2.42 "inUse"). */
  inUse: boolean | null;
  roomName: string | null;
}

/** What of the wish is still to be applied: set when the wish changes and after every reconnect. */
export interface Pending {
  power: boolean;
  roomName: boolean;
}

export type Step = { kind: 'rename'; name: string } | { kind: 'wakeup' } | { kind: 'standby' };

export interface Plan {
  /** The next request to send, or null: nothing to do now. */
  step: Step | null;
  /** What stays pending after this plan (the step's own part is cleared: it is sent once, then read back). */
  pending: Pending;
  /** Standby is wanted but a source is connected: it is sent once nobody is. */
  standbyHeld: boolean;
}

/**
 * The next thing to send so the unit follows the wish, from what was last
 * read. Pure, so every case is tested without a unit.
 * - The name first: it is what people see on the welcome screen.
 * - Standby is never forced on a unit in use: someone is presenting, or a
 *   Button is plugged in. The safe reading of "lets it go to standby": the
 *   unit goes there itself once idle for its standby timeout (R5915531 2.40
 *   standbyTimeout), and the driver sends standby as soon as it reads the
 *   unit idle.
 * - A power the reference does not list (not 'On' or 'Standby') is left alone.
 */
export function plan(wish: Pick<RoomWish, 'power' | 'roomName'>, unit: UnitReading, pending: Pending): Plan {
  const next: Pending = { ...pending };
  if (next.roomName && unit.roomName !== null) {
    next.roomName = false;
    if (wish.roomName !== '' && unit.roomName !== wish.roomName) return { step: { kind: 'rename', name: wish.roomName }, pending: next, standbyHeld: false };
  }
  if (next.power && unit.power !== null) {
    if (wish.power === 'ON') {
      next.power = false;
      if (unit.power === 'standby') return { step: { kind: 'wakeup' }, pending: next, standbyHeld: false };
    } else if (wish.power === 'STANDBY') {
      if (unit.power === 'standby') next.power = false;
      else if (unit.inUse === false) {
        next.power = false;
        return { step: { kind: 'standby' }, pending: next, standbyHeld: false };
      } else return { step: null, pending: next, standbyHeld: true };
    } else next.power = false;
  }
  return { step: null, pending: next, standbyHeld: false };
}
