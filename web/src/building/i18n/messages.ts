/**
 * The texts of the building overview and of a display's "find a free room"
 * panel, apart from the display's own so the display's first bundle never
 * carries them (both load on demand). Status words, times, seats and error
 * texts come from the display's messages. Each language is checked against
 * this shape by the compiler.
 */
export interface BuildingMessages {
  /** The overview's heading and the page's title. */
  pageTitle: string;
  /** The "Free now" filter, with how many rooms are free now. */
  freeNow: (count: string) => string;
  /** The group of rooms whose building is not set. */
  noBuilding: string;
  floor: (floor: string) => string;
  noFloor: string;
  noRooms: string;
  noneFreeNow: string;
  /** Beside "Offline since …": the statuses on screen no longer follow the bridge. */
  mayBeOutOfDate: string;
  /** The panel's heading on a room display. */
  freeRoomsNearby: string;
  looking: string;
  noFreeRoomNearby: string;
  /** The display is offline: the panel cannot ask the bridge. */
  needsConnection: string;
  /** Back from one room's page to the list of free rooms. */
  allFreeRooms: string;
  /** On a room's page in the list: a room not open to anyone shows its meetings only on its own displays. */
  shownOnItsOwnDisplay: string;
  close: string;
}
