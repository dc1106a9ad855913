import type { DisplayPower } from './display-protocol.ts';

/**
 * Tells when a person switched a screen on by hand while the hardware policy
 * wants standby: the screen is read back on after it was read in standby
 * under that wish, and the bridge has not sent ON since. Said once per
 * switch-on: the policy then keeps the screen on for its wake minutes.
 */
export class HandSwitch {
  #standbyConfirmed = false;

  /** The bridge sends ON: the screen being on next is its own doing. */
  sentOn(): void {
    this.#standbyConfirmed = false;
  }

  /** The power read back while the policy wants `wish`; true when it means a person switched the screen on. */
  switchedOnByHand(power: DisplayPower, wish: 'ON' | 'STANDBY' | null): boolean {
    if (power === 'standby') {
      if (wish === 'STANDBY') this.#standbyConfirmed = true;
      return false;
    }
    if (wish !== 'STANDBY' || !this.#standbyConfirmed) return false;
    this.#standbyConfirmed = false;
    return true;
  }
}
