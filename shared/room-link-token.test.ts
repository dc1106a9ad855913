import { describe, expect, it } from 'vitest';
import { decodeLinkPayload, encodeLinkPayload, readLinkToken } from './room-link-token.ts';

describe('room link token', () => {
  it('reads back the room and expiry it was made with, any room id included', () => {
    const grant = { roomId: 'salle-été/3', expiresAt: 1_795_000_000_000 };
    const payload = encodeLinkPayload(grant);
    expect(payload).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(payload).toBe(Buffer.from(JSON.stringify({ r: grant.roomId, e: grant.expiresAt })).toString('base64url'));
    expect(decodeLinkPayload(payload)).toEqual(grant);
    expect(readLinkToken(`${payload}.signature`)).toEqual(grant);
  });

  it('reads nothing from what is no token', () => {
    const payload = encodeLinkPayload({ roomId: 'demo', expiresAt: 1 });
    expect(readLinkToken(payload)).toBeUndefined();
    expect(readLinkToken(`${payload}.a.b`)).toBeUndefined();
    expect(readLinkToken('%%%.signature')).toBeUndefined();
    expect(decodeLinkPayload(Buffer.from('{"r":1,"e":2}').toString('base64url'))).toBeUndefined();
    expect(decodeLinkPayload(Buffer.from('null').toString('base64url'))).toBeUndefined();
  });
});
