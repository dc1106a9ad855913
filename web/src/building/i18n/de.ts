import type { BuildingMessages } from './messages.ts';

export const de: BuildingMessages = {
  pageTitle: 'Alle Räume auf einen Blick',
  freeNow: (count) => `Jetzt frei (${count})`,
  noBuilding: 'Weitere Räume',
  floor: (floor) => `Etage ${floor}`,
  noFloor: 'Etage nicht angegeben',
  noRooms: 'Diese Bridge verwaltet noch keine Räume.',
  noneFreeNow: 'Gerade ist kein Raum frei.',
  mayBeOutOfDate: 'Die Angaben sind womöglich nicht mehr aktuell.',
  freeRoomsNearby: 'Freie Räume in der Nähe',
  looking: 'Suche freie Räume…',
  noFreeRoomNearby: 'Gerade ist kein anderer Raum frei.',
  needsConnection: 'Um einen freien Raum zu finden, braucht dieses Display die Verbindung zur Bridge. Versuchen Sie es wieder, sobald es online ist.',
  allFreeRooms: 'Alle freien Räume',
  shownOnItsOwnDisplay: 'Die Termine dieses Raums zeigt nur sein eigenes Display.',
  close: 'Schließen',
};
