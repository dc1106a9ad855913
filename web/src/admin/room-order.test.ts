import { describe, expect, it } from 'vitest';
import { byFloorThenName } from './room-order.ts';

const room = (name: string, floor: number | null) => ({ name, location: { building: null, floor } });

describe('the order of rooms on the admin page', () => {
  it('is by floor, lowest first and no floor last, then by name with numbers in natural order', () => {
    const rooms = [room('Room 10', 1), room('Attic', null), room('room 2', 1), room('Cellar', -1), room('Room 1', 2), room('Room 9', 1)];
    expect(byFloorThenName(rooms, 'en').map((each) => each.name)).toEqual(['Cellar', 'room 2', 'Room 9', 'Room 10', 'Room 1', 'Attic']);
  });

  it("leaves the given list as it was", () => {
    const rooms = [room('B', 0), room('A', 0)];
    byFloorThenName(rooms, 'en');
    expect(rooms.map((each) => each.name)).toEqual(['B', 'A']);
  });
});
