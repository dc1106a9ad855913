import { fail, ok, type Result } from '../../../shared/errors.ts';
import type { RoomLinks } from '../access/room-links.ts';
import { ANYONE, type Standing } from '../access/standing.ts';
import type { DisplayRegistry } from '../pairing/display-registry.ts';
import type { RoomService } from '../rooms/room-service.ts';

export interface WatchDeps {
  rooms: Pick<RoomService, 'accessOf' | 'defaultRoomId'>;
  displays: Pick<DisplayRegistry, 'assignment' | 'holderOf'>;
  links: Pick<RoomLinks, 'verify'>;
}

export interface WatchRequestData {
  roomId?: string | undefined;
  displayId?: string | undefined;
  credential?: string | undefined;
  link?: string | undefined;
}

/** The room a watch is answered with, and what the watching socket proved. */
export interface WatchTarget {
  roomId: string;
  standing: Standing;
}

const UNPAIRED = 'This display is not linked to a room: an admin links it on the admin page with the code it shows.';

/**
 * Which room a `room:watch` gets, and with what standing (SPEC section 10):
 * - a display presenting its credential gets its linked room, whatever its
 *   URL names: the admin's link decides what a screen shows;
 * - a phone's room link gets the room it was made for;
 * - anyone else gets an `open` room, or a one-room bridge's open room; a
 *   display (it sent its id) that may not is told `display-unpaired`, so it
 *   shows a pairing code; any other client is told `room-not-open`.
 * A credential that no longer works counts as none: the display pairs again.
 */
export function watchTarget(deps: WatchDeps, request: WatchRequestData): Result<WatchTarget> {
  const { rooms, displays, links } = deps;
  const holder = request.credential === undefined ? undefined : displays.holderOf(request.credential);
  if (holder && rooms.accessOf(holder.roomId) !== undefined) return ok({ roomId: holder.roomId, standing: { kind: 'display', ...holder } });
  if (request.link !== undefined) {
    const link = links.verify(request.link);
    if (!link.ok) return link;
    if (request.roomId !== undefined && request.roomId !== link.data.roomId) {
      return fail('room-link-invalid', "This link is for another room: scan the QR code on this room's display.");
    }
    return ok({ roomId: link.data.roomId, standing: { kind: 'phone', ...link.data, link: request.link } });
  }
  const roomId = request.roomId ?? unlinkedDisplaysRoom(deps, request.displayId);
  if (roomId === undefined) return fail('display-unpaired', UNPAIRED);
  const access = rooms.accessOf(roomId);
  if (access === undefined) return fail('room-not-found', `There is no room "${roomId}".`);
  if (access === 'open') return ok({ roomId, standing: ANYONE });
  if (request.displayId !== undefined) return fail('display-unpaired', UNPAIRED);
  return fail('room-not-open', `Room "${roomId}" is shown in full only on its paired displays and to phones that scanned its display's QR code.`);
}

/** A display with no room in its URL and no working credential: a one-room bridge's room, unless an admin unlinked it (it pairs again). */
function unlinkedDisplaysRoom({ rooms, displays }: WatchDeps, displayId: string | undefined): string | undefined {
  if (displayId === undefined) return rooms.defaultRoomId();
  return displays.assignment(displayId).kind === 'new' ? rooms.defaultRoomId() : undefined;
}
