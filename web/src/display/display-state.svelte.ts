import type { Socket } from 'socket.io-client';
import type { Clock } from '../../../shared/clock.ts';
import type { LintelError } from '../../../shared/errors.ts';
import type { RoomState } from '../../../shared/model.ts';
import { computeRoomStatus, type RoomStatusView } from '../../../shared/room-status.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/socket-events.ts';

export type DisplaySocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type Connection = 'connecting' | 'live' | 'reconnecting';

/**
 * What a display shows, kept live: the last room state the bridge pushed,
 * and the status re-derived every second from it and the (bridge-corrected)
 * clock, so Busy turns to Available on time between pushes.
 */
export class DisplayState {
  snapshot = $state<RoomState | null>(null);
  connection = $state<Connection>('connecting');
  problem = $state<LintelError | null>(null);
  now = $state(0);
  view: RoomStatusView | null = $derived(this.snapshot ? computeRoomStatus(this.snapshot.events, this.now, this.snapshot.room) : null);

  readonly #clock: Clock;
  readonly #roomId: string | undefined;
  /** Bridge clock minus this display's clock: a kiosk's clock is often wrong. */
  #clockOffsetMs = 0;

  constructor(clock: Clock, roomId: string | undefined) {
    this.#clock = clock;
    this.#roomId = roomId;
    this.now = clock.now();
  }

  /** Starts watching the room over `socket`; returns a function that stops it. */
  connect(socket: DisplaySocket): () => void {
    const watch = () => {
      socket.emit('room:watch', this.#roomId === undefined ? {} : { roomId: this.#roomId }, (result) => {
        if (result.ok) {
          this.#accept(result.data);
          this.connection = 'live';
          this.problem = null;
        } else {
          this.problem = { code: result.code, message: result.message };
        }
      });
    };
    socket.on('connect', watch);
    socket.on('disconnect', () => {
      this.connection = 'reconnecting';
    });
    socket.on('room:state', (state) => this.#accept(state));
    if (socket.connected) watch();

    let cancelTick = this.#tick();
    return () => {
      cancelTick();
      cancelTick = () => {};
      socket.off('connect', watch);
      socket.off('room:state');
      socket.off('disconnect');
      socket.disconnect();
    };
  }

  #accept(state: RoomState): void {
    this.#clockOffsetMs = Date.parse(state.now) - this.#clock.now();
    this.snapshot = state;
    this.now = this.#clock.now() + this.#clockOffsetMs;
  }

  /** Ticks on each second boundary so the clock and the status change exactly on time. */
  #tick(): () => void {
    let cancel = () => {};
    const schedule = () => {
      const now = this.#clock.now() + this.#clockOffsetMs;
      cancel = this.#clock.setTimer(() => {
        this.now = this.#clock.now() + this.#clockOffsetMs;
        schedule();
      }, 1000 - (now % 1000));
    };
    schedule();
    return () => cancel();
  }
}
