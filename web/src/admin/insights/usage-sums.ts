import type { RoomUsage } from '../../../../shared/insights.ts';

/**
 * Rooms' numbers added up: a floor's, a building's, or all the chosen rooms'.
 * Minutes and counts add up; shares are taken from the summed minutes and
 * counts, never averaged. Medians do not add up (the median of medians is
 * not the median of the meetings), so groups have none: the page shows them
 * per room, and the bridge's `overall` has the chosen rooms' own.
 */
export interface UsageSums {
  rooms: number;
  meetings: number;
  bookedMinutes: number;
  officeMinutes: number;
  /** Summed over the rooms with a sensor; null when none has one. */
  occupiedMinutes: number | null;
  /** The office minutes of the rooms with a sensor: what their occupied minutes are a share of. */
  sensedOfficeMinutes: number;
  sensorRooms: number;
  noShows: number;
  /** Summed over the rooms with a sensor; null when none has one. */
  ghostMeetings: number | null;
  endedEarly: number;
  walkUps: number;
  walkUpsByPhone: number;
}

/** Shares between 0 and 1; null where there is nothing to take a share of (no office hours, no meetings, no sensor). */
export interface UsageShares {
  booked: number | null;
  occupied: number | null;
  noShows: number | null;
  walkUps: number | null;
}

export interface FloorUsage {
  floor: number | null;
  sums: UsageSums;
}

export interface BuildingUsage {
  building: string | null;
  sums: UsageSums;
  floors: FloorUsage[];
}

const orNull = (sensed: boolean, value: number) => (sensed ? value : null);

export function sumUsage(rooms: readonly RoomUsage[]): UsageSums {
  const sensed = rooms.filter((room) => room.occupiedMinutes !== null);
  const ghostCounted = rooms.filter((room) => room.ghostMeetings !== null);
  const total = (pick: (room: RoomUsage) => number, of: readonly RoomUsage[] = rooms) => of.reduce((sum, room) => sum + pick(room), 0);
  return {
    rooms: rooms.length,
    meetings: total((room) => room.meetings),
    bookedMinutes: total((room) => room.bookedMinutes),
    officeMinutes: total((room) => room.officeMinutes),
    occupiedMinutes: orNull(sensed.length > 0, total((room) => room.occupiedMinutes ?? 0, sensed)),
    sensedOfficeMinutes: total((room) => room.officeMinutes, sensed),
    sensorRooms: sensed.length,
    noShows: total((room) => room.noShows),
    ghostMeetings: orNull(ghostCounted.length > 0, total((room) => room.ghostMeetings ?? 0, ghostCounted)),
    endedEarly: total((room) => room.endedEarly),
    walkUps: total((room) => room.walkUps),
    walkUpsByPhone: total((room) => room.walkUpsByPhone),
  };
}

const share = (part: number | null, whole: number) => (part === null || whole <= 0 ? null : part / whole);

export function usageShares(sums: UsageSums): UsageShares {
  return {
    booked: share(sums.bookedMinutes, sums.officeMinutes),
    occupied: share(sums.occupiedMinutes, sums.sensedOfficeMinutes),
    noShows: share(sums.noShows, sums.meetings),
    walkUps: share(sums.walkUps, sums.meetings),
  };
}

/** The booked share of one room's office hours, 0 without office hours, for ordering. */
export const bookedShare = (room: RoomUsage) => (room.officeMinutes > 0 ? room.bookedMinutes / room.officeMinutes : 0);

/** Busiest first (the booked share of office hours), rooms as busy as each other by name. */
export function busiestFirst(rooms: readonly RoomUsage[], collator: Intl.Collator): RoomUsage[] {
  return [...rooms].sort((a, b) => bookedShare(b) - bookedShare(a) || collator.compare(a.roomName, b.roomName));
}

/** The rooms by building, each with its floors: buildings by name, floors from the lowest up, the rooms without either last. */
export function usageByPlace(rooms: readonly RoomUsage[], collator: Intl.Collator): BuildingUsage[] {
  const buildings = groupBy(rooms, (room) => room.building);
  const names = [...buildings.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : collator.compare(a, b)));
  return names.map((building) => {
    const inBuilding = buildings.get(building)!;
    const floors = groupBy(inBuilding, (room) => room.floor);
    const levels = [...floors.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : a - b));
    return { building, sums: sumUsage(inBuilding), floors: levels.map((floor) => ({ floor, sums: sumUsage(floors.get(floor)!) })) };
  });
}

function groupBy<K>(rooms: readonly RoomUsage[], key: (room: RoomUsage) => K): Map<K, RoomUsage[]> {
  const groups = new Map<K, RoomUsage[]>();
  for (const room of rooms) {
    const group = groups.get(key(room));
    if (group) group.push(room);
    else groups.set(key(room), [room]);
  }
  return groups;
}
