import type { RoomLocation } from '../../../shared/model.ts';

/**
 * Rooms as an admin looks for them: by floor, lowest first (rooms without a
 * floor last), then by name in natural order, so "Room 2" comes before
 * "Room 10" (Intl.Collator's `numeric`, MDN: Intl/Collator/Collator#numeric).
 */
export function byFloorThenName<T extends { name: string; location: RoomLocation }>(rooms: readonly T[], locale: string): T[] {
  const names = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  const floor = (room: T) => room.location.floor ?? Number.POSITIVE_INFINITY;
  return [...rooms].sort((a, b) => floor(a) - floor(b) || names.compare(a.name, b.name));
}
