import type { BuildingMessages } from './messages.ts';

export const en: BuildingMessages = {
  pageTitle: 'Rooms at a glance',
  freeNow: (count) => `Free now (${count})`,
  noBuilding: 'Other rooms',
  floor: (floor) => `Floor ${floor}`,
  noFloor: 'Floor not set',
  noRooms: 'This bridge serves no rooms yet.',
  noneFreeNow: 'No room is free right now.',
  mayBeOutOfDate: 'Statuses may be out of date.',
  freeRoomsNearby: 'Free rooms nearby',
  looking: 'Looking for free rooms…',
  noFreeRoomNearby: 'No other room is free right now.',
  needsConnection: 'Finding a free room needs the connection to the bridge. Try again once this display is back online.',
  allFreeRooms: 'All free rooms',
  shownOnItsOwnDisplay: 'Its meetings are shown on its own display only.',
  close: 'Close',
};
