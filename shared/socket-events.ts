import type { FreeNearbyRequest, RoomSummaryStatus } from './building.ts';
import type { Result } from './errors.ts';
import type { RoomState, WalkUpAction } from './model.ts';

/**
 * The socket.io protocol, one pair of typed maps used by the bridge and the
 * display alike. Every request is acknowledged; nothing throws across the wire.
 */
export type Ack<T> = Result<T>;

export interface WatchRequest {
  /** The room the display's URL names; absent, the room the display is linked to (or a one-room bridge's room). */
  roomId?: string;
  /**
   * The display's own id, made once by the display and kept. Without a room in
   * its URL, the bridge answers `display-unpaired` until an admin links it.
   */
  displayId?: string;
}

export interface ActionRequest {
  roomId: string;
  action: WalkUpAction;
}

export interface PairingCodeRequest {
  displayId: string;
}

/** What an unpaired display shows: the code, until when it works, and the admin page's address for the QR code. */
export interface PairingCode {
  code: string;
  /** ISO instant, on the bridge's clock. */
  expiresAt: string;
  /** The bridge's time when it answered: a display that has not seen the bridge's clock yet still knows how long the code lasts. */
  now: string;
  adminUrl: string;
}

export interface ServerToClientEvents {
  /** The full state of a watched room, sent whenever it changes and on every (re)connect. */
  'room:state': (state: RoomState) => void;
  /** An admin linked this display to a room, or unlinked it (null): watch again. */
  'display:assigned': (assignment: { roomId: string | null }) => void;
  /** To sockets watching the building: one room's new summary, when it changes or its status does as time passes. */
  'building:room': (summary: RoomSummaryStatus) => void;
}

export interface ClientToServerEvents {
  'room:watch': (request: WatchRequest, ack: (result: Ack<RoomState>) => void) => void;
  'room:action': (request: ActionRequest, ack: (result: Ack<RoomState>) => void) => void;
  /** The display's current pairing code, a new one when it has none that still works. */
  'display:pairing-code': (request: PairingCodeRequest, ack: (result: Ack<PairingCode>) => void) => void;
  /** Every room's summary now, then a `building:room` push for each change. */
  'building:watch': (request: Record<string, never>, ack: (result: Ack<RoomSummaryStatus[]>) => void) => void;
  /** Up to five rooms free now, nearest to `roomId` first (see shared/nearest-free-rooms.ts). */
  'rooms:free-nearby': (request: FreeNearbyRequest, ack: (result: Ack<RoomSummaryStatus[]>) => void) => void;
}
