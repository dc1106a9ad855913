import type { RoomSummaryStatus } from './building.ts';
import type { RoomLocation } from './model.ts';

/** How many rooms "find a free room" offers: enough to choose from, few enough to read at a glance. */
export const NEARBY_LIMIT = 5;

/**
 * Free now means Available. A room Starting soon is excluded: its meeting
 * begins within minutes (10 by default), so someone sent there would arrive
 * as its attendees do. Waiting for check-in means a meeting is starting or
 * has started, so that room is taken too.
 */
export function isFreeNow(room: Pick<RoomSummaryStatus, 'status'>): boolean {
  return room.status === 'available';
}

/**
 * The free rooms nearest to `from`, best first: the same floor of the same
 * building, then the same building by how many floors away (rooms of an
 * unknown floor last), then other buildings; equally near rooms by name,
 * numbers in names counted as people count (Room 2 before Room 10).
 * Two rooms without a building are taken to share one: a bridge whose rooms
 * give only floors is one building.
 */
export function nearestFreeRooms(
  from: Pick<RoomSummaryStatus, 'id' | 'location'>,
  rooms: readonly RoomSummaryStatus[],
  limit = NEARBY_LIMIT,
): RoomSummaryStatus[] {
  return rooms
    .filter((room) => room.id !== from.id && isFreeNow(room))
    .map((room) => ({ room, distance: distance(from.location, room.location) }))
    .sort((a, b) => a.distance - b.distance || byName.compare(a.room.name, b.room.name) || (a.room.id < b.room.id ? -1 : 1))
    .slice(0, limit)
    .map(({ room }) => room);
}

/** The list is made on the bridge, which has no reader's language: what matters is that numbers count. */
const byName = new Intl.Collator('en', { numeric: true });

/** Another building is farther than any floor of this one; an unknown floor of this one is farther than any known floor. */
const OTHER_BUILDING = Number.MAX_SAFE_INTEGER;
const UNKNOWN_FLOOR = OTHER_BUILDING - 1;

function distance(from: RoomLocation, to: RoomLocation): number {
  if (from.building !== to.building) return OTHER_BUILDING;
  if (from.floor === null || to.floor === null) return UNKNOWN_FLOOR;
  return Math.abs(from.floor - to.floor);
}
