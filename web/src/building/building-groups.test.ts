import { describe, expect, it } from 'vitest';
import type { RoomSummaryStatus } from '../../../shared/building.ts';
import { groupByPlace } from './building-groups.ts';

function room(name: string, building: string | null, floor: number | null): RoomSummaryStatus {
  return {
    id: name.toLowerCase().replace(/\W+/g, '-'),
    name,
    timeZone: 'Europe/Amsterdam',
    capacity: null,
    equipment: [],
    location: { building, floor },
    status: 'available',
    freeUntil: null,
    busyUntil: null,
  };
}

describe('rooms grouped by place', () => {
  it('goes by building, then floor from the lowest, then name as people count ("Room 2" before "Room 10")', () => {
    const rooms = [
      room('Room 10', 'North', 2),
      room('Atrium', null, 0),
      room('Room 2', 'North', 2),
      room('Cellar', 'North', -1),
      room('Attic', 'North', null),
      room('Pier', 'Harbour', 4),
      room('Lobby', null, null),
    ];
    const shape = groupByPlace(rooms, 'en').map((group) => [group.building, group.floors.map((level) => [level.floor, level.rooms.map((r) => r.name)])]);
    expect(shape).toEqual([
      ['Harbour', [[4, ['Pier']]]],
      [
        'North',
        [
          [-1, ['Cellar']],
          [2, ['Room 2', 'Room 10']],
          [null, ['Attic']],
        ],
      ],
      [
        null,
        [
          [0, ['Atrium']],
          [null, ['Lobby']],
        ],
      ],
    ]);
  });

  it('numbers rooms as buildings do: "2.01" before "2.02" before "2.10", whatever order they come in', () => {
    const rooms = [room('2.10', 'North', 2), room('2.02', 'North', 2), room('10.01', 'North', 10), room('2.01', 'North', 2), room('1.01', 'North', 1)];
    const names = groupByPlace(rooms, 'en').flatMap((group) => group.floors.flatMap((level) => level.rooms.map((r) => r.name)));
    expect(names).toEqual(['1.01', '2.01', '2.02', '2.10', '10.01']);
  });

  it('has no groups without rooms', () => {
    expect(groupByPlace([], 'en')).toEqual([]);
  });
});
