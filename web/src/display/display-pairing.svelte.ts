import type { Clock } from '../../../shared/clock.ts';
import type { LintelError } from '../../../shared/errors.ts';
import type { PairingCode } from '../../../shared/socket-events.ts';
import type { DisplaySocket } from './display-state.svelte.ts';

/** After a refusal. */
const RETRY_MS = 5_000;
/** Asks a little after the expiry, so the bridge (whose clock the expiry is on) surely agrees it has passed. */
const EXPIRY_MARGIN_MS = 500;

/**
 * The pairing code an unpaired display shows, kept current: asked for when
 * the bridge says the display is unpaired, and asked again as soon as it
 * expires (timed by the bridge's clock). The bridge gives the same code
 * until it expires, so asking again (after a reconnect, say) is harmless.
 *
 * No timeout on the request: socket.io only loses an answer when the
 * connection drops, and a reconnect watches again, which asks again.
 */
export class DisplayPairing {
  code = $state<PairingCode | null>(null);
  problem = $state<LintelError | null>(null);

  readonly #clock: Clock;
  readonly #displayId: string;
  #socket: DisplaySocket | null = null;
  /** Only the latest request's answer counts: an older one may arrive after a reconnect. */
  #request = 0;
  #cancelTimer: () => void = () => {};

  constructor(clock: Clock, displayId: string) {
    this.#clock = clock;
    this.#displayId = displayId;
  }

  /** Shows a code from `socket` from now on; called again, it asks again. */
  start(socket: DisplaySocket): void {
    this.#socket = socket;
    this.#ask();
  }

  /** The display is linked (or closing): no code any more. */
  stop(): void {
    this.#socket = null;
    this.#request++;
    this.#cancelTimer();
    this.#cancelTimer = () => {};
    this.code = null;
    this.problem = null;
  }

  #ask(): void {
    this.#cancelTimer();
    const socket = this.#socket;
    if (!socket) return;
    const request = ++this.#request;
    socket.emit('display:pairing-code', { displayId: this.#displayId }, (result) => {
      if (request !== this.#request) return;
      if (!result.ok) {
        this.problem = { code: result.code, message: result.message };
        this.#askIn(RETRY_MS);
        return;
      }
      this.code = result.data;
      this.problem = null;
      // Both instants are on the bridge's clock, so how long the code lasts holds whatever this display's clock says.
      const left = Date.parse(result.data.expiresAt) - Date.parse(result.data.now);
      this.#askIn(Math.max(0, left) + EXPIRY_MARGIN_MS);
    });
  }

  #askIn(delayMs: number): void {
    this.#cancelTimer = this.#clock.setTimer(() => this.#ask(), delayMs);
  }
}
