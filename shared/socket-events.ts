import type { FreeNearbyRequest, FreeRoomNearby, RoomSummaryStatus } from './building.ts';
import type { LintelError, Result } from './errors.ts';
import type { RoomState, WalkUpAction } from './model.ts';
import type { Problem, ProblemReport } from './problems.ts';

/**
 * The socket.io protocol, one pair of typed maps used by the bridge and the
 * display alike. Every request is acknowledged; nothing throws across the wire.
 */
export type Ack<T> = Result<T>;

export interface WatchRequest {
  /** The room the display's URL names; absent, the room the display is linked to (or a one-room bridge's room). */
  roomId?: string;
  /**
   * The display's own id, made once by the display and kept. A display sends
   * it always: where it may not show the room (no room in its URL, or a
   * `paired` room without its credential) the bridge answers
   * `display-unpaired` and the display shows a pairing code.
   */
  displayId?: string;
  /**
   * The display's credential (see PairingCode.credential). Once an admin
   * linked it, the display shows its linked room, whatever room its URL names.
   */
  credential?: string;
  /** A phone's room link, from the QR code of the room's display (`?link=` in the page's address). */
  link?: string;
}

export interface ActionRequest {
  roomId: string;
  action: WalkUpAction;
}

/** "Report a problem" at the room the display shows; the bridge keeps it and tells facilities. */
export interface ProblemReportRequest {
  roomId: string;
  report: ProblemReport;
}

export interface PairingCodeRequest {
  displayId: string;
  /** The credential given with the display's current code: while that code works, the same code comes back. */
  credential?: string;
}

/** What an unpaired display shows: the code, until when it works, and the admin page's address for the QR code. */
export interface PairingCode {
  code: string;
  /** ISO instant, on the bridge's clock. */
  expiresAt: string;
  /** The bridge's time when it answered: a display that has not seen the bridge's clock yet still knows how long the code lasts. */
  now: string;
  adminUrl: string;
  /**
   * Given with a new code only: the display keeps it (IndexedDB) and sends it
   * on every watch. It becomes the display's credential when an admin links
   * this code, and stops working when the admin unlinks or forgets the display.
   */
  credential?: string;
}

export interface RoomLinkRequest {
  roomId: string;
}

/** The signed address a paired display's QR code shows, so a phone at the room may read it and act there for a while. */
export interface RoomLink {
  url: string;
  /** ISO instant on the bridge's clock: the link stops working then. */
  expiresAt: string;
  /** ISO instant on the bridge's clock: ask for a new link then (the QR code rotates). */
  refreshAt: string;
  /** The bridge's time when it answered. */
  now: string;
}

/** What a display shows when an admin presses Identify (see `display:identify`). */
export interface DisplayIdentify {
  /** The name an admin gave it, or its short id. */
  name: string;
  /** The room it shows; null while it shows a pairing code, which it shows instead. */
  room: string | null;
  seconds: number;
}

export interface ServerToClientEvents {
  /** The full state of a watched room, sent whenever it changes and on every (re)connect. */
  'room:state': (state: RoomState) => void;
  /**
   * An admin linked this display to a room, or unlinked it (null): watch
   * again. On unlink or forget the bridge then closes the socket.
   */
  'display:assigned': (assignment: { roomId: string | null }) => void;
  /** An admin asked which screen this is: show `name` (and the room, or the pairing code) full-screen for `seconds`. */
  'display:identify': (request: DisplayIdentify) => void;
  /** This socket no longer receives the room it watched: the phone's link expired, or the room stopped being open. */
  'room:access-ended': (reason: LintelError) => void;
  /** To sockets watching the building: one room's new summary, when it changes or its status does as time passes. */
  'building:room': (summary: RoomSummaryStatus) => void;
}

export interface ClientToServerEvents {
  'room:watch': (request: WatchRequest, ack: (result: Ack<RoomState>) => void) => void;
  'room:action': (request: ActionRequest, ack: (result: Ack<RoomState>) => void) => void;
  /** Kept once per report id, as `room:action` is per action id; allowed where walk-up actions are, read-only rooms too. */
  'room:report-problem': (request: ProblemReportRequest, ack: (result: Ack<Problem>) => void) => void;
  /** A paired display's room link for its QR code (see RoomLink); refused to anyone else. */
  'room:link': (request: RoomLinkRequest, ack: (result: Ack<RoomLink>) => void) => void;
  /** The display's current pairing code, a new one when it has none that still works. */
  'display:pairing-code': (request: PairingCodeRequest, ack: (result: Ack<PairingCode>) => void) => void;
  /** Every room's summary now, then a `building:room` push for each change. */
  'building:watch': (request: Record<string, never>, ack: (result: Ack<RoomSummaryStatus[]>) => void) => void;
  /** Up to five rooms free now, nearest to `roomId` first (see shared/nearest-free-rooms.ts). */
  'rooms:free-nearby': (request: FreeNearbyRequest, ack: (result: Ack<FreeRoomNearby[]>) => void) => void;
}
