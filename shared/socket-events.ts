import type { Result } from './errors.ts';
import type { RoomState, WalkUpAction } from './model.ts';

/**
 * The socket.io protocol, one pair of typed maps used by the bridge and the
 * display alike. Every request is acknowledged; nothing throws across the wire.
 */
export type Ack<T> = Result<T>;

export interface WatchRequest {
  /** Absent: the bridge's default room (a one-room install needs no id). */
  roomId?: string;
}

export interface ActionRequest {
  roomId: string;
  action: WalkUpAction;
}

export interface ServerToClientEvents {
  /** The full state of a watched room, sent whenever it changes and on every (re)connect. */
  'room:state': (state: RoomState) => void;
}

export interface ClientToServerEvents {
  'room:watch': (request: WatchRequest, ack: (result: Ack<RoomState>) => void) => void;
  'room:action': (request: ActionRequest, ack: (result: Ack<RoomState>) => void) => void;
}
