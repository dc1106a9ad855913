import type { Socket } from 'socket.io-client';
import type { RoomSummaryStatus } from '../../../shared/building.ts';
import type { Clock } from '../../../shared/clock.ts';
import type { LintelError } from '../../../shared/errors.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/socket-events.ts';
import type { Connection } from '../display/display-state.svelte.ts';

export type BuildingSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Every room's summary as the bridge last sent it: the whole list when the
 * page (re)connects, then one room at a time as each changes, including when
 * a status changes as time passes (the bridge sends that at the moment it
 * happens, so the page keeps no timers). Cut off from the bridge, the page
 * keeps the last list and says since when it is not following.
 */
export class BuildingState {
  /** Replaced, never mutated: a changed room is a new array with one new element, so only that card renders again. */
  rooms = $state.raw<RoomSummaryStatus[]>([]);
  connection = $state<Connection>('connecting');
  disconnectedAt = $state<number | null>(null);
  problem = $state<LintelError | null>(null);
  /** The bridge answered at least once: an empty list is a bridge without rooms, not one still loading. */
  loaded = $state(false);

  readonly #clock: Clock;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Starts following the building over `socket`; returns a function that stops it. */
  connect(socket: BuildingSocket): () => void {
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
      });
    };
    const lost = () => {
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
      socket.off('connect', watch);
      socket.off('disconnect', lost);
      socket.off('connect_error', lost);
      socket.off('building:room', changed);
      socket.disconnect();
    };
  }
}
