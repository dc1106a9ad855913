import type { LintelError } from '../../../shared/errors.ts';
import type { RoomAccess } from '../../../shared/model.ts';
import { clientOf, type Client } from '../limits/client.ts';

/**
 * What a client has proved about itself (SPEC section 10): an admin, a
 * display an admin linked to a room (its credential), a phone that stood at
 * a room a moment ago (a room link from that room's display), or nothing.
 */
export type Standing =
  | { kind: 'admin' }
  | { kind: 'display'; displayId: string; roomId: string }
  | { kind: 'phone'; roomId: string; expiresAt: number; link: string }
  | { kind: 'anyone' };

export const ANYONE: Standing = { kind: 'anyone' };

/** Whether `standing` may read the room's meetings and act there at `now`: an open room anyone may. */
export function mayUseRoom(standing: Standing, roomId: string, access: RoomAccess, now: number): boolean {
  if (access === 'open' || standing.kind === 'admin') return true;
  if (standing.kind === 'display') return standing.roomId === roomId;
  if (standing.kind === 'phone') return standing.roomId === roomId && standing.expiresAt > now;
  return false;
}

/** Why `standing` may not use the room: a phone whose link ran out is told to scan again. */
export function roomRefusal(standing: Standing, roomId: string, now: number): { ok: false } & LintelError {
  if (standing.kind === 'phone' && standing.roomId === roomId && standing.expiresAt <= now) {
    return { ok: false, code: 'room-link-invalid', message: "This room link has expired: scan the QR code on the room's display again." };
  }
  return {
    ok: false,
    code: 'room-not-open',
    message: `Room "${roomId}" is shown in full only on its paired displays and to phones that scanned its display's QR code; GET /api/building gives its status.`,
  };
}

/** Whom the standing's requests count against (see limits/client.ts): its proof, or the address when it has none. */
export function clientOfStanding(standing: Standing, address: string | undefined): Client {
  if (standing.kind === 'display') return clientOf({ display: standing.displayId });
  // The signature part: unique per link, and short.
  if (standing.kind === 'phone') return clientOf({ roomLink: standing.link.slice(standing.link.indexOf('.') + 1) });
  return clientOf({ address });
}
