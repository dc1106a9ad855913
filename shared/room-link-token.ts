/**
 * The token of a room link (bridge/src/access/room-links.ts):
 * `<payload>.<signature>`, the payload base64url JSON naming the room and
 * the expiry. Only the bridge can check the signature; a phone reads the
 * payload to know how long it may keep what the link showed it.
 */

/** What a link grants: reading `roomId` and acting there until `expiresAt` (epoch ms, on the bridge's clock). */
export interface RoomLinkGrant {
  roomId: string;
  expiresAt: number;
}

export function encodeLinkPayload(grant: RoomLinkGrant): string {
  const bytes = new TextEncoder().encode(JSON.stringify({ r: grant.roomId, e: grant.expiresAt }));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

/** The grant a payload states, unchecked; undefined when it is no payload. */
export function decodeLinkPayload(payload: string): RoomLinkGrant | undefined {
  try {
    const binary = atob(payload.replaceAll('-', '+').replaceAll('_', '/'));
    const parsed: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0))));
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { r, e } = parsed as Record<string, unknown>;
    return typeof r === 'string' && typeof e === 'number' ? { roomId: r, expiresAt: e } : undefined;
  } catch {
    return undefined;
  }
}

/** The grant a token states, its signature unchecked: a forged one gets no further than the bridge. */
export function readLinkToken(token: string): RoomLinkGrant | undefined {
  const [payload, signature, extra] = token.split('.');
  return payload === undefined || signature === undefined || extra !== undefined ? undefined : decodeLinkPayload(payload);
}
