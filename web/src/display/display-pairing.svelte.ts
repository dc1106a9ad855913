import type { Clock } from '../../../shared/clock.ts';
import type { LintelError } from '../../../shared/errors.ts';
import type { PairingCode } from '../../../shared/socket-events.ts';
import type { DisplayCredential } from './display-credential.ts';
import type { DisplaySocket } from './display-state.svelte.ts';

/** After a refusal. */
const RETRY_MS = 5_000;
/** Asks a little after the expiry, so the bridge (whose clock the expiry is on) surely agrees it has passed. */
const EXPIRY_MARGIN_MS = 500;

/**
 * The pairing code an unpaired display shows, kept current: asked for when
 * the bridge says the display is unpaired, and asked again as soon as it
 * expires (timed by the bridge's clock). Each request carries the
 * display's credential, so the bridge gives the same code until it expires
 * and asking again (after a reconnect, say) is harmless; a new code comes
 * with a new credential, which takes the old one's place.
 *
 * No timeout on the request: socket.io only loses an answer when the
 * connection drops, and a reconnect watches again, which asks again.
 */
export class DisplayPairing {
  /** What the screen shows; the credential that came with it is kept apart. */
  code = $state<Omit<PairingCode, 'credential'> | null>(null);
  problem = $state<LintelError | null>(null);

  readonly #clock: Clock;
  readonly #displayId: string;
  readonly #credential: DisplayCredential;
  #socket: DisplaySocket | null = null;
  /** Only the latest request's answer counts: an older one may arrive after a reconnect. */
  #request = 0;
  #cancelTimer: () => void = () => {};

  constructor(clock: Clock, displayId: string, credential: DisplayCredential) {
    this.#clock = clock;
    this.#displayId = displayId;
    this.#credential = credential;
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
    const credential = this.#credential.secret;
    socket.emit('display:pairing-code', { displayId: this.#displayId, ...(credential !== undefined && { credential }) }, (result) => {
      if (request !== this.#request) return;
      if (!result.ok) {
        this.problem = { code: result.code, message: result.message };
        this.#askIn(RETRY_MS);
        return;
      }
      const { credential: newCredential, ...code } = result.data;
      if (newCredential !== undefined) this.#credential.keep(newCredential);
      this.code = code;
      this.problem = null;
      // Both instants are on the bridge's clock, so how long the code lasts holds whatever this display's clock says.
      const left = Date.parse(code.expiresAt) - Date.parse(code.now);
      this.#askIn(Math.max(0, left) + EXPIRY_MARGIN_MS);
    });
  }

  #askIn(delayMs: number): void {
    this.#cancelTimer = this.#clock.setTimer(() => this.#ask(), delayMs);
  }
}
