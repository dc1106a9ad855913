/** Where a room is, as far as the page knows: the admin's status names every room, the insights answers say where each is. */
export interface RoomPlace {
  roomId: string;
  roomName: string;
  building: string | null;
  floor: number | null;
}

/** `known` with what `seen` says: a room seen again takes its new name and place. */
export function withPlaces(known: readonly RoomPlace[], seen: readonly RoomPlace[]): RoomPlace[] {
  const byId = new Map(known.map((place) => [place.roomId, place]));
  for (const place of seen) byId.set(place.roomId, { roomId: place.roomId, roomName: place.roomName, building: place.building, floor: place.floor });
  return [...byId.values()];
}

/** The buildings to filter by, by name. */
export function buildingChoices(places: readonly RoomPlace[], collator: Intl.Collator): string[] {
  return [...new Set(places.flatMap((place) => (place.building === null ? [] : [place.building])))].sort(collator.compare);
}

/** The floors to filter by, from the lowest up: the chosen building's, or every building's when none is chosen. */
export function floorChoices(places: readonly RoomPlace[], building: string | null): number[] {
  return [...new Set(inBuilding(places, building).flatMap((place) => (place.floor === null ? [] : [place.floor])))].sort((a, b) => a - b);
}

/** The rooms to filter by, by name: those on the chosen building and floor. */
export function roomChoices(places: readonly RoomPlace[], building: string | null, floor: number | null, collator: Intl.Collator): RoomPlace[] {
  return inBuilding(places, building)
    .filter((place) => floor === null || place.floor === floor)
    .sort((a, b) => collator.compare(a.roomName, b.roomName));
}

const inBuilding = (places: readonly RoomPlace[], building: string | null) => places.filter((place) => building === null || place.building === building);
