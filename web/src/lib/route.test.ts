import { describe, expect, it } from 'vitest';
import { roomIdFromPath } from './route.ts';

describe('roomIdFromPath', () => {
  it('reads the room from /rooms/:id and falls back to the default room elsewhere', () => {
    expect(roomIdFromPath('/rooms/harbour')).toBe('harbour');
    expect(roomIdFromPath('/rooms/harbour/')).toBe('harbour');
    expect(roomIdFromPath('/rooms/a%20b')).toBe('a b');
    expect(roomIdFromPath('/')).toBeUndefined();
    expect(roomIdFromPath('/rooms/')).toBeUndefined();
  });
});
