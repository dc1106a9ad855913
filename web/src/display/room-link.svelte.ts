import type { Clock } from '../../../shared/clock.ts';
import type { DisplaySocket } from './display-state.svelte.ts';

/** After a refusal, unless the bridge says how long to wait. */
const RETRY_MS = 30_000;

/**
 * The signed room link a paired display's QR code shows (RoomLink in
 * shared/socket-events.ts), kept current: asked for when the display shows
 * a paired room, asked again at the link's refreshAt, and dropped when the
 * bridge refuses one, or at its expiresAt when no new one came by then (the
 * display is offline, say): no QR code is better than one that opens a dead
 * link. Both instants are timed from the answer's `now`, all on the
 * bridge's clock, so this display's own clock does not matter.
 *
 * No timeout on the request: socket.io only loses an answer when the
 * connection drops, and the watch after a reconnect asks again.
 */
export class RoomLinkKeeper {
  /** The address for the QR code; null while there is none that works. */
  url = $state<string | null>(null);

  readonly #clock: Clock;
  #socket: DisplaySocket | null = null;
  #roomId: string | null = null;
  /** Only the latest request's answer counts: an older one may arrive after a reconnect. */
  #request = 0;
  #cancelRefresh: () => void = () => {};
  #cancelExpiry: () => void = () => {};

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Whether a link to `roomId` is held, or being asked for. */
  keeps(roomId: string): boolean {
    return this.#roomId === roomId;
  }

  /** Keeps a link to `roomId` from `socket`, asking now even if one is held: an answer may have been lost with a connection. */
  keep(socket: DisplaySocket, roomId: string): void {
    // Another room's link must not show a moment longer.
    if (!this.keeps(roomId)) this.#drop();
    this.#socket = socket;
    this.#roomId = roomId;
    this.#ask();
  }

  /** No paired room on screen (or closing): no link, nothing asked. */
  stop(): void {
    this.#socket = null;
    this.#roomId = null;
    this.#request++;
    this.#cancelRefresh();
    this.#drop();
  }

  #ask(): void {
    this.#cancelRefresh();
    const socket = this.#socket;
    const roomId = this.#roomId;
    if (!socket || roomId === null) return;
    const request = ++this.#request;
    socket.emit('room:link', { roomId }, (result) => {
      if (request !== this.#request) return;
      if (!result.ok) {
        this.#drop();
        this.#askIn(result.retryAfterMs ?? RETRY_MS);
        return;
      }
      const { url, expiresAt, refreshAt, now } = result.data;
      const bridgeNow = Date.parse(now);
      this.#cancelExpiry();
      this.url = url;
      this.#cancelExpiry = this.#clock.setTimer(() => this.#drop(), Date.parse(expiresAt) - bridgeNow);
      this.#askIn(Date.parse(refreshAt) - bridgeNow);
    });
  }

  #askIn(delayMs: number): void {
    this.#cancelRefresh = this.#clock.setTimer(() => this.#ask(), delayMs);
  }

  #drop(): void {
    this.#cancelExpiry();
    this.#cancelExpiry = () => {};
    this.url = null;
  }
}
