import { describe, expect, it } from 'vitest';
import type { RoomSummaryStatus } from './building.ts';
import type { RoomStatus } from './model.ts';
import { nearestFreeRooms } from './nearest-free-rooms.ts';

function room(id: string, building: string | null, floor: number | null, status: RoomStatus = 'available', name = id): RoomSummaryStatus {
  return {
    id,
    name,
    timeZone: 'Europe/Amsterdam',
    capacity: 6,
    equipment: [],
    location: { building, floor },
    status,
    freeUntil: status === 'available' ? '2026-11-23T13:00:00.000Z' : null,
    busyUntil: status === 'busy' ? '2026-11-23T11:00:00.000Z' : null,
  };
}

const names = (rooms: RoomSummaryStatus[]) => rooms.map((r) => r.id);

describe('nearest free rooms', () => {
  const here = room('here', 'North', 3, 'busy');

  it('offers the same floor first, then the same building by floors away, then other buildings', () => {
    const rooms = [
      room('south-3', 'South', 3),
      room('north-5', 'North', 5),
      room('north-2', 'North', 2),
      room('north-3', 'North', 3),
      room('north-0', 'North', 0),
      here,
    ];
    expect(names(nearestFreeRooms(here, rooms))).toEqual(['north-3', 'north-2', 'north-5', 'north-0', 'south-3']);
  });

  it('orders equally near rooms by name, and rooms of an unknown floor after every known floor of the building', () => {
    const rooms = [room('b', 'North', 4, 'available', 'Birch'), room('x', 'North', null), room('a', 'North', 2, 'available', 'Ash'), room('far', 'North', -1)];
    expect(names(nearestFreeRooms(here, rooms))).toEqual(['a', 'b', 'far', 'x']);
    const numbered = [room('r10', 'North', 3, 'available', 'Room 10'), room('r2', 'North', 3, 'available', 'Room 2')];
    expect(names(nearestFreeRooms(here, numbered))).toEqual(['r2', 'r10']);
  });

  it('leaves out the room itself and every room not free now, Starting soon and Waiting for check-in included', () => {
    const rooms = [
      room('here', 'North', 3, 'available'),
      room('busy', 'North', 3, 'busy'),
      room('soon', 'North', 3, 'starting-soon'),
      room('check-in', 'North', 3, 'awaiting-check-in'),
      room('free', 'South', 9),
    ];
    expect(names(nearestFreeRooms(here, rooms))).toEqual(['free']);
  });

  it('offers at most five rooms', () => {
    const rooms = Array.from({ length: 9 }, (_, i) => room(`r${i}`, 'North', i));
    expect(names(nearestFreeRooms(here, rooms))).toEqual(['r3', 'r2', 'r4', 'r1', 'r5']);
    expect(nearestFreeRooms(here, rooms, 2)).toHaveLength(2);
  });

  it('treats rooms without a building as one building, ranked by floor', () => {
    const lone = room('lone', null, 1, 'busy');
    const rooms = [room('named', 'North', 1), room('two', null, 2), room('one', null, 1)];
    expect(names(nearestFreeRooms(lone, rooms))).toEqual(['one', 'two', 'named']);
  });

  it('finds nothing when nothing is free', () => {
    expect(nearestFreeRooms(here, [room('busy', 'North', 3, 'busy')])).toEqual([]);
  });
});
