import type { Socket } from 'socket.io-client';
import type { RoomSummaryStatus } from '../../../shared/building.ts';
import type { Clock } from '../../../shared/clock.ts';
import type { LintelError } from '../../../shared/errors.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/socket-events.ts';
import type { Connection } from '../display/display-state.svelte.ts';
import type { BuildingCopy } from './building-copy.ts';

export type BuildingSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** While following, the copy is renewed this often, so after a power cut it says how old it is to the half minute. */
const COPY_EVERY_MS = 30_000;

/**
 * Every room's summary as the bridge last sent it: the whole list when the
 * page (re)connects, then one room at a time as each changes, including when
 * a status changes as time passes (the bridge sends that at the moment it
 * happens, so the page keeps no timers). Cut off from the bridge, the page
 * keeps the last list and says since when it is not following; it keeps a
 * copy of it too, which a page opened without the bridge starts from.
 */
export class BuildingState {
  /** Replaced, never mutated: a changed room is a new array with one new element, so only that card renders again. */
  rooms = $state.raw<RoomSummaryStatus[]>([]);
  connection = $state<Connection>('connecting');
  disconnectedAt = $state<number | null>(null);
  problem = $state<LintelError | null>(null);
  /** A list is known, from the bridge or the copy: an empty one is a bridge without rooms, not one still loading. */
  loaded = $state(false);

  /** Resolves once a list is on screen, from the bridge or the copy: what may wait until then (the service worker's install) does. */
  readonly listed: Promise<void>;
  readonly #clock: Clock;
  readonly #copy: BuildingCopy;
  #onListed = () => {};

  constructor(clock: Clock, copy: BuildingCopy) {
    this.#clock = clock;
    this.#copy = copy;
    this.listed = new Promise((resolve) => (this.#onListed = resolve));
    const saved = copy.load();
    if (saved) {
      this.rooms = saved.rooms;
      this.loaded = true;
      this.disconnectedAt = saved.at;
      this.#onListed();
    }
  }

  /** Starts following the building over `socket`; returns a function that stops it. */
  connect(socket: BuildingSocket): () => void {
    let cancelCopy = () => {};
    const keepCopy = () => {
      this.#copy.save(this.rooms, this.#clock.now());
      cancelCopy = this.#clock.setTimer(keepCopy, COPY_EVERY_MS);
    };
    const watch = () => {
      socket.emit('building:watch', {}, (result) => {
        if (!result.ok) {
          this.problem = { code: result.code, message: result.message };
          return;
        }
        this.rooms = result.data;
        this.loaded = true;
        this.connection = 'live';
        this.disconnectedAt = null;
        this.problem = null;
        cancelCopy();
        keepCopy();
        this.#onListed();
      });
    };
    const lost = () => {
      if (this.connection === 'live') {
        // It was following until now: the copy says so.
        cancelCopy();
        this.#copy.save(this.rooms, this.#clock.now());
      }
      this.connection = 'reconnecting';
      this.disconnectedAt ??= this.#clock.now();
    };
    const changed = (summary: RoomSummaryStatus) => {
      const known = this.rooms.some((room) => room.id === summary.id);
      this.rooms = known ? this.rooms.map((room) => (room.id === summary.id ? summary : room)) : [...this.rooms, summary];
    };
    socket.on('connect', watch);
    socket.on('disconnect', lost);
    socket.on('connect_error', lost);
    socket.on('building:room', changed);
    if (socket.connected) watch();
    return () => {
      cancelCopy();
      socket.off('connect', watch);
      socket.off('disconnect', lost);
      socket.off('connect_error', lost);
      socket.off('building:room', changed);
      socket.disconnect();
    };
  }
}
