import { describe, expect, it } from 'vitest';
import { isAdminPath, isBuildingPath, roomIdFromPath } from './route.ts';

describe('roomIdFromPath', () => {
  it('reads the room from /rooms/:id and falls back to the default room elsewhere', () => {
    expect(roomIdFromPath('/rooms/harbour')).toBe('harbour');
    expect(roomIdFromPath('/rooms/harbour/')).toBe('harbour');
    expect(roomIdFromPath('/rooms/a%20b')).toBe('a b');
    expect(roomIdFromPath('/')).toBeUndefined();
    expect(roomIdFromPath('/rooms/')).toBeUndefined();
  });
});

describe('isAdminPath', () => {
  it('is /admin and below, not a room that happens to start with the word', () => {
    expect(isAdminPath('/admin')).toBe(true);
    expect(isAdminPath('/admin/')).toBe(true);
    expect(isAdminPath('/admin/anything')).toBe(true);
    expect(isAdminPath('/administration')).toBe(false);
    expect(isAdminPath('/rooms/admin')).toBe(false);
    expect(isAdminPath('/')).toBe(false);
  });
});

describe('isBuildingPath', () => {
  it('is /building, not a room of that name', () => {
    expect(isBuildingPath('/building')).toBe(true);
    expect(isBuildingPath('/building/')).toBe(true);
    expect(isBuildingPath('/buildings')).toBe(false);
    expect(isBuildingPath('/rooms/building')).toBe(false);
  });
});
