import type { RoomSummaryStatus } from '../../../shared/building.ts';

export interface FloorGroup {
  floor: number | null;
  rooms: RoomSummaryStatus[];
}

export interface BuildingGroup {
  building: string | null;
  floors: FloorGroup[];
}

/**
 * Rooms as people look for them: by building (by name, rooms without one
 * last), then by floor (lowest first, rooms without one last), then by name
 * in the reader's language ("Room 2" before "Room 10").
 */
export function groupByPlace(rooms: readonly RoomSummaryStatus[], locale: string): BuildingGroup[] {
  const collator = new Intl.Collator(locale, { numeric: true });
  const byName = (a: string | null, b: string | null) => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : collator.compare(a, b));
  const byFloor = (a: number | null, b: number | null) => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : a - b);
  const sorted = [...rooms].sort(
    (a, b) => byName(a.location.building, b.location.building) || byFloor(a.location.floor, b.location.floor) || collator.compare(a.name, b.name),
  );
  const groups: BuildingGroup[] = [];
  for (const room of sorted) {
    const { building, floor } = room.location;
    let group = groups.at(-1);
    if (group?.building !== building) {
      group = { building, floors: [] };
      groups.push(group);
    }
    let level = group.floors.at(-1);
    if (level?.floor !== floor) {
      level = { floor, rooms: [] };
      group.floors.push(level);
    }
    level.rooms.push(room);
  }
  return groups;
}
